// npx tsx bench/console.ts [--rows 1000000] [--accounts 10000] [--days 90] [--repeat 5] [--database URL] [--out FILE]
// The console at scale: seeds a scratch database (bench/console-seed.ts), starts the production
// build against it, waits for the server's first usage rollup (the backfill), signs an operator
// in, and times every console page's full server answer.
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createScratchDatabase } from "../lib/db/scratch";
import { migrate } from "../lib/db/migrate";
import { startServer } from "../e2e/setup/server";
import { freePort } from "../scripts/free-port";
import { seedConsoleData } from "./console-seed";
import { ROLLUP_GRACE_MS } from "../lib/admin-console/rollup";
import { hourOf } from "../lib/admin-console/windows";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" }, accounts: { type: "string", default: "10000" }, days: { type: "string", default: "90" },
    repeat: { type: "string", default: "5" }, database: { type: "string", default: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test" },
    out: { type: "string", default: `bench/results/${new Date().toISOString().slice(0, 10)}-console.md` },
  },
});
const OPERATOR = { email: "operator@bench.test", password: "bench-operator-1" };

async function prepare(url: string): Promise<void> {
  process.env.DATABASE_URL = url;
  const { reloadEnv } = await import("../lib/env");
  reloadEnv();
  const [{ seedCatalog }, { createAccount }, { prisma, disconnect }] = await Promise.all([import("../lib/gateway/catalog"), import("../lib/accounts/create"), import("../lib/db")]);
  await seedCatalog();
  const op = await createAccount({ email: OPERATOR.email, password: OPERATOR.password, credits: 0n });
  await prisma().user.update({ where: { id: op.id }, data: { role: "ADMIN" } });
  await disconnect();
}

/** next-auth's credentials sign-in over HTTP; the session cookie. */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email: OPERATOR.email, password: OPERATOR.password, json: "true" }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return session;
}

/** Wait until the server's rollup job has rolled up every closed hour; returns the seconds it took. */
async function waitForRollup(url: string): Promise<number> {
  const started = Date.now();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const closed = hourOf(new Date(Date.now() - ROLLUP_GRACE_MS));
    for (;;) {
      const { rows } = await db.query<{ through: Date }>(`SELECT through FROM "UsageRollup" WHERE id = 1`);
      if (rows[0] && rows[0].through >= closed) return (Date.now() - started) / 1000;
      if (Date.now() - started > 15 * 60_000) throw new Error("the server's usage rollup did not finish within 15 minutes");
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await db.end();
  }
}

async function time(base: string, cookie: string, page: string, repeat: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i <= repeat; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${page}`, { headers: { cookie } });
    await res.text();
    if (res.status !== 200) throw new Error(`${page}: HTTP ${res.status}`);
    if (i > 0) out.push(performance.now() - started); // the first is a warm-up
  }
  return out.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const opts = { rows: Number(values.rows), accounts: Number(values.accounts), days: Number(values.days) };
  const repeat = Number(values.repeat);
  const scratch = await createScratchDatabase(values.database, "console_bench");
  let stop: (() => Promise<void>) | undefined;
  try {
    console.error(`scratch database ${scratch.url}`);
    await migrate(scratch.url, () => undefined);
    await prepare(scratch.url);
    const seeding = Date.now();
    await seedConsoleData(scratch.url, opts, (line) => console.error(line));
    const seedSeconds = (Date.now() - seeding) / 1000;
    mkdirSync("bench/.tmp", { recursive: true });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    stop = await startServer(port, {
      DATABASE_URL: scratch.url, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: base, NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"), CHANNEL_SECRET: randomBytes(32).toString("hex"), SIMULATOR: "true", LOG_LEVEL: "warn",
    }, path.resolve("bench/.tmp/console-server.log"));
    const rollupSeconds = await waitForRollup(scratch.url);
    const loadAtStart = loadavg();
    const cookie = await signIn(base);
    const mid = Math.floor(opts.rows / 2);
    const someone = Math.ceil(opts.accounts / 2);
    const pages = [
      "/admin", "/admin?window=7d", "/admin?window=30d",
      "/admin/accounts", "/admin/accounts?q=user777", "/admin/accounts?q=Bench%20User%209999", `/admin/accounts/u${someone}`,
      "/admin/requests", "/admin/requests?status=error", "/admin/requests?model=qwen-plus", `/admin/requests?account=user${someone}%40bench.test`,
      "/admin/requests?channel=zhipu-main&from=2020-01-01", `/admin/requests?before=${mid}`, `/admin/requests/bench-${mid}`,
      "/admin/models", "/admin/channels", "/admin/audit", "/admin/audit?action=account.grant&before=5000",
    ];
    const rows: string[] = [];
    for (const page of pages) {
      const t = await time(base, cookie, page, repeat);
      const median = t[Math.floor(t.length / 2)];
      const max = t[t.length - 1];
      rows.push(`| \`${page}\` | ${median.toFixed(0)} | ${max.toFixed(0)} | ${median < 300 ? "yes" : "**no**"} |`);
      console.error(`${page}: median ${median.toFixed(0)} ms, max ${max.toFixed(0)} ms`);
    }
    const report = [
      `# Console at scale — ${new Date().toISOString()}`,
      "",
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; load average (1/5/15 min) ${loadAtStart.map((l) => l.toFixed(2)).join(" / ")} before the timings, ${loadavg().map((l) => l.toFixed(2)).join(" / ")} at the end.`,
      `Commit: ${execFileSync("git", ["rev-parse", "--short", "HEAD"]).toString().trim()}.`,
      "Shared: other engineers' builds and test suites ran on the same 2 cores during this run, so these are upper bounds.",
      "",
      `Data: ${opts.accounts.toLocaleString("en-US")} accounts with a key each, ${opts.rows.toLocaleString("en-US")} usage rows over ${opts.days} days (3% failures, 6 models, 4 channels),`,
      `their daily aggregate, a ledger matching every balance, 10,000 audit rows. Seeding took ${seedSeconds.toFixed(0)} s; the server's first usage rollup (the backfill of every closed hour, in the background after start) took ${rollupSeconds.toFixed(0)} s.`,
      "",
      `Command: \`npx tsx bench/console.ts --rows ${opts.rows} --accounts ${opts.accounts} --days ${opts.days} --repeat ${repeat}\` (production build, \`server.ts\`, local PostgreSQL).`,
      `Each page: one warm-up, then ${repeat} sequential GETs with an operator's session; time to the last byte of the HTML.`,
      "",
      "| page | median ms | max ms | under 300 ms |",
      "| --- | ---: | ---: | --- |",
      ...rows,
      "",
    ].join("\n");
    writeFileSync(values.out, report);
    console.error(`wrote ${values.out}`);
  } finally {
    await stop?.();
    await scratch.drop();
  }
}

main().then(() => process.exit(0), (err: Error) => {
  console.error(err);
  process.exit(1);
});
