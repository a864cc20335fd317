// By hand, not in npm test: a soak and a rolling restart of the production server (server.ts
// from the production build), with the ledger checked after each.
//   npx tsx bench/reliability.ts [--soak-seconds 300] [--restart-seconds 75] [--out FILE]
// Soak: 40 Enterprise keys under 12 workers (half streams of 1 s, half JSON) plus 10 Free keys
// that each send 12 requests at the start of every UTC minute (Free allows 10 a minute: 2 must
// be 429); the server's RSS sampled every 5 s. Rolling restart: two instances on one database
// and Redis, the same load spread over both, each in turn sent SIGTERM and started again while
// requests flow (a request refused at connect moves to the other instance, as a load balancer
// would do). Both pass when no answer is a 5xx or a cut stream, every 200 is billed exactly once,
// no hold is left and every balance equals its ledger.
import { execSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { Agent, fetch } from "undici";
import { findDrift } from "../lib/billing/ledger";
import { disconnect, prisma } from "../lib/db";
import { PLAN_LIMITS } from "../lib/limits/plans";
import { prepareData } from "./accounts";
import { ensureBuild } from "./build";
import { rssMb } from "./memory";
import type { Service } from "./processes";
import { median } from "./stats";
import { startOurs, startUpstream } from "./targets";

const { values: opts } = parseArgs({
  options: {
    "soak-seconds": { type: "string", default: "300" },
    "restart-seconds": { type: "string", default: "75" },
    out: { type: "string", default: `bench/results/${new Date().toISOString().slice(0, 10)}-reliability.md` },
  },
});
const WORKERS = 12;
const FREE_KEYS = 10;
const FREE_BURST = 12;

type Outcome = "ok" | "limited" | "refused" | "cut" | "server_error" | "other";
type Tally = Record<Outcome, number>;
const emptyTally = (): Tally => ({ ok: 0, limited: 0, refused: 0, cut: 0, server_error: 0, other: 0 });

const agent = new Agent({ keepAliveTimeout: 10_000, connections: 64 });
const progress = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request; what became of it. A stream counts as ok only when it ends with [DONE]. */
async function send(origin: string, key: string, stream: boolean): Promise<{ outcome: Outcome; detail?: string }> {
  let status = 0;
  try {
    const res = await fetch(`${origin}/v1/chat/completions`, {
      method: "POST", dispatcher: agent,
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: "deepseek-chat", stream, max_tokens: 60, messages: [{ role: "user", content: "soak" }] }),
    });
    status = res.status;
    const text = await res.text();
    if (status === 200) return { outcome: !stream || text.trimEnd().endsWith("data: [DONE]") ? "ok" : "cut", detail: text.slice(-200) };
    if (status === 429) return { outcome: "limited" };
    return { outcome: status >= 500 ? "server_error" : "other", detail: `${status} ${text.slice(0, 200)}` };
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    // Refused before the request reached a server: a load balancer sends it elsewhere.
    if (status === 0 && (code === "ECONNREFUSED" || code === "UND_ERR_SOCKET" || code === "ECONNRESET")) return { outcome: "refused", detail: code };
    return { outcome: status === 200 ? "cut" : "other", detail: `${status} ${code}` };
  }
}

/** Enterprise load until `until`: each worker picks a key and alternates streams and JSON; refused requests move to another origin. */
async function enterpriseLoad(origins: () => string[], keys: string[], until: number, tally: Tally, problems: string[]): Promise<void> {
  await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
    for (let i = 0; Date.now() < until; i++) {
      const key = keys[(w * 7 + i) % keys.length]!;
      const stream = (w + i) % 2 === 0;
      for (let attempt = 0; ; attempt++) {
        const list = origins();
        const result = await send(list[(w + i + attempt) % list.length]!, key, stream);
        if (result.outcome === "refused" && attempt < 10) {
          tally.refused++;
          await sleep(50);
          continue;
        }
        tally[result.outcome]++;
        if (result.outcome !== "ok" && problems.length < 20) problems.push(`${result.outcome}: ${result.detail}`);
        break;
      }
    }
  }));
}

/** Free keys: FREE_BURST sequential requests per key just after each UTC minute starts; per burst, exactly the plan's rpm must pass. */
async function freeBursts(origin: string, keys: string[], until: number, problems: string[]): Promise<{ bursts: number; exact: number }> {
  let bursts = 0;
  let exact = 0;
  for (;;) {
    const nextMinute = Math.ceil(Date.now() / 60_000) * 60_000 + 1_000;
    if (nextMinute + 10_000 > until) return { bursts, exact };
    await sleep(nextMinute - Date.now());
    await Promise.all(keys.map(async (key) => {
      const tally = emptyTally();
      for (let i = 0; i < FREE_BURST; i++) tally[(await send(origin, key, false)).outcome]++;
      bursts++;
      if (tally.ok === PLAN_LIMITS.FREE.rpm && tally.limited === FREE_BURST - PLAN_LIMITS.FREE.rpm) exact++;
      else problems.push(`free burst: ${JSON.stringify(tally)}`);
    }));
  }
}

type Counts = { okRows: number; usageEntries: number };

/** Usage rows "ok" and ledger usage entries of these accounts so far. */
async function billedCounts(userIds: string[]): Promise<Counts> {
  const [okRows, usageEntries] = await Promise.all([
    prisma().usageLog.count({ where: { userId: { in: userIds }, status: "ok" } }),
    prisma().ledgerEntry.count({ where: { userId: { in: userIds }, kind: "USAGE" } }),
  ]);
  return { okRows, usageEntries };
}

/** Every 200 since `before` billed once, no hold or credit lease left (the servers have stopped), every balance equal to its ledger. */
async function ledgerCheck(userIds: string[], oks: number, before: Counts): Promise<{ lines: string[]; pass: boolean }> {
  const where = { userId: { in: userIds } };
  const [now, holdRows, leases, drift] = await Promise.all([billedCounts(userIds), prisma().hold.count({ where }), prisma().creditLease.count({ where }), findDrift()]);
  const holds = holdRows + leases;
  const okRows = now.okRows - before.okRows;
  const usageEntries = now.usageEntries - before.usageEntries;
  const lines = [
    `- answers 200: ${oks}; new usage rows "ok": ${okRows}; new ledger usage entries: ${usageEntries}`,
    `- holds and credit leases left: ${holds}; accounts whose balance or held amount differs from the ledger or its holds and leases: ${drift.length}`,
  ];
  return { lines, pass: okRows === oks && usageEntries === oks && holds === 0 && drift.length === 0 };
}

const tallyLine = (t: Tally) => Object.entries(t).map(([k, v]) => `${k} ${v}`).join(", ");

async function soak(config: { databaseUrl: string; upstream: string }, keys: string[], freeKeys: string[], userIds: string[], seconds: number): Promise<string[]> {
  const before = await billedCounts(userIds);
  const ours = await startOurs({ ...config, redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" });
  const tally = emptyTally();
  const problems: string[] = [];
  const rss: { t: number; mb: number }[] = [];
  const started = Date.now();
  const until = started + seconds * 1000;
  const sampler = setInterval(() => rss.push({ t: (Date.now() - started) / 1000, mb: rssMb(ours.pid) }), 5_000);
  const reporter = setInterval(() => progress(`soak: ${tallyLine(tally)}; RSS ${rss.at(-1)?.mb.toFixed(1) ?? "?"} MB`), 30_000);
  const [, free] = await Promise.all([enterpriseLoad(() => [ours.origin], keys, until, tally, problems), freeBursts(ours.origin, freeKeys, until, problems)]);
  clearInterval(sampler);
  clearInterval(reporter);
  await ours.stop();
  const oks = tally.ok + free.bursts * PLAN_LIMITS.FREE.rpm;
  const ledger = await ledgerCheck(userIds, oks, before);
  const warm = rss.filter((s) => s.t >= 60 && s.t < 120).map((s) => s.mb);
  const last = rss.filter((s) => s.t >= seconds - 60).map((s) => s.mb);
  const growth = warm.length && last.length ? ((median(last) - median(warm)) / median(warm)) * 100 : NaN;
  const curve = rss.filter((_, i) => i % 6 === 5).map((s) => `${Math.round(s.t)} s ${s.mb.toFixed(1)}`).join(" · ");
  const pass = ledger.pass && tally.server_error === 0 && tally.cut === 0 && tally.other === 0 && free.exact === free.bursts && !(growth > 10);
  return [
    `## Soak: ${seconds} s, one instance — ${pass ? "PASS" : "FAIL"}`,
    "",
    `- Enterprise (40 keys, ${WORKERS} workers, streams of 1 s and JSON): ${tallyLine(tally)}`,
    `- Free bursts (10 keys × ${FREE_BURST} requests at each minute's start): ${free.exact} of ${free.bursts} bursts exactly ${PLAN_LIMITS.FREE.rpm} × 200 and ${FREE_BURST - PLAN_LIMITS.FREE.rpm} × 429`,
    ...ledger.lines,
    `- RSS (MB, every 30 s): ${curve}`,
    `- RSS median, last minute vs minute 2: ${Number.isNaN(growth) ? "n/a" : `${growth >= 0 ? "+" : ""}${growth.toFixed(1)} %`}`,
    ...(problems.length ? ["- problems:", ...problems.map((p) => `  - ${p}`)] : []),
    "",
  ];
}

async function rollingRestart(config: { databaseUrl: string; upstream: string }, keys: string[], userIds: string[], seconds: number): Promise<string[]> {
  const before = await billedCounts(userIds);
  const ours = { ...config, redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" };
  const instances: Service[] = [await startOurs(ours), await startOurs(ours)];
  const tally = emptyTally();
  const problems: string[] = [];
  const events: string[] = [];
  const started = Date.now();
  const until = started + seconds * 1000;
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const restarts = (async () => {
    for (const i of [0, 1]) {
      await sleep(seconds * 1000 / 3 - (Date.now() - started) % (seconds * 1000 / 3));
      events.push(`${at()} SIGTERM to instance ${i + 1}`);
      await instances[i]!.stop();
      events.push(`${at()} instance ${i + 1} exited; starting it again`);
      instances[i] = await startOurs(ours);
      events.push(`${at()} instance ${i + 1} answering again`);
    }
  })();
  const reporter = setInterval(() => progress(`rolling restart: ${tallyLine(tally)}`), 15_000);
  await Promise.all([enterpriseLoad(() => instances.map((s) => s.origin), keys, until, tally, problems), restarts]);
  clearInterval(reporter);
  await Promise.all(instances.map((s) => s.stop()));
  const ledger = await ledgerCheck(userIds, tally.ok, before);
  const pass = ledger.pass && tally.server_error === 0 && tally.cut === 0 && tally.other === 0;
  return [
    `## Rolling restart: two instances, ${seconds} s — ${pass ? "PASS" : "FAIL"}`,
    "",
    `- requests (40 keys, ${WORKERS} workers, streams of 1 s and JSON): ${tallyLine(tally)} ("refused" = refused at connect and sent to the other instance, never started)`,
    ...events.map((e) => `- ${e}`),
    ...ledger.lines,
    ...(problems.length ? ["- problems:", ...problems.map((p) => `  - ${p}`)] : []),
    "",
  ];
}

async function main(): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const data = await prepareData(serverUrl, 40 + FREE_KEYS);
  const freeIds = data.userIds.slice(40);
  // The last ten accounts go back to Free's own limits.
  await prisma().user.updateMany({ where: { id: { in: freeIds } }, data: { plan: "FREE", customRpm: null, customTpm: null, customConcurrent: null } });
  const upstream = await startUpstream(50);
  await fetch(`${upstream.origin}/__bench/config`, { method: "POST", body: JSON.stringify({ chunks: 50, gapMs: 20 }) });
  const config = { databaseUrl: data.databaseUrl, upstream: upstream.origin };
  try {
    ensureBuild(false, data.databaseUrl);
    progress(`soak for ${opts["soak-seconds"]} s`);
    const soakLines = await soak(config, data.keys.slice(0, 40), data.keys.slice(40), data.userIds, Number(opts["soak-seconds"]));
    progress(`rolling restart for ${opts["restart-seconds"]} s`);
    const restartLines = await rollingRestart(config, data.keys.slice(0, 40), data.userIds.slice(0, 40), Number(opts["restart-seconds"]));
    const commit = execSync("git rev-parse --short HEAD").toString().trim();
    const report = [
      `# Reliability by hand — ${new Date().toISOString()}`,
      "",
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; commit ${commit}; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}.`,
      `Command: \`npx tsx bench/reliability.ts --soak-seconds ${opts["soak-seconds"]} --restart-seconds ${opts["restart-seconds"]}\` (server.ts from the production build, local PostgreSQL and Redis, the bench's instant upstream with 1 s streams).`,
      "",
      ...soakLines,
      ...restartLines,
    ].join("\n");
    writeFileSync(opts.out!, report);
    console.log(report);
  } finally {
    await upstream.stop();
    await disconnect();
    await data.drop();
  }
}

await main();
