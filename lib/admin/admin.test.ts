// The operator CLI, run for real: `tsx scripts/admin.ts` as a child process against the
// test database, checking what it prints, its exit status and what it left in the database.
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readlink, rm } from "node:fs/promises";
import { freePort } from "../../scripts/free-port";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { disconnect, prisma } from "../db";
import { createAccount } from "../accounts/create";
import { env } from "../env";
import { hashKey, KEY_PATTERN } from "../keys/secret";
import { createApiKey } from "../keys/store";
import { lookupKey } from "../keys/lookup";
import { findModel } from "../gateway/catalog";
import { parseUsd } from "../money";
import { createScratchDatabase } from "../db/scratch";
import { TEST_DATABASE_URL } from "../../tests/setup/services";

// Each case spawns the CLI through tsx, whose start-up alone takes seconds on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

afterAll(disconnect);

const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

type Run = { code: number; stdout: string; stderr: string };

type Target = { databaseUrl: string } | { embedded: { DATA_DIR: string; EMBEDDED_PG_PORT: string } };

/** Run `npm run admin -- ...args` (as tsx scripts/admin.ts) against a database, or with no DATABASE_URL at all. */
function admin(args: string[], target: Target = { databaseUrl: inject("databaseUrl") }): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn" };
  if ("embedded" in target) {
    delete childEnv.DATABASE_URL;
    Object.assign(childEnv, target.embedded);
  } else childEnv.DATABASE_URL = target.databaseUrl;
  return new Promise((resolve) => {
    execFile(
      tsx, ["scripts/admin.ts", ...args],
      { cwd: root, env: childEnv, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const email = (label: string) => `admin-${label}-${randomUUID()}@example.com`;

async function user(address: string) {
  return prisma().user.findUniqueOrThrow({ where: { email: address }, include: { ledger: true, apiKeys: true } });
}

describe("npm run admin", () => {
  it("prints the usage for help (stdout) and for an unknown command (stderr), exit 2", async () => {
    const [help, unknown] = await Promise.all([admin(["help"]), admin(["frobnicate"])]);
    expect(help.code).toBe(2);
    expect(help.stdout).toMatch(/^Usage: npm run admin -- <command> \[options\]/);
    for (const command of ["create-user", "create-key", "grant", "set-plan", "ledger-check", "list-users", "show-user", "set-role", "suspend", "unsuspend", "revoke-key", "model-list", "model-set", "audit"]) expect(help.stdout).toContain(`  ${command}\n`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: unknown command "frobnicate"\.\n\nUsage:/);
  });

  it("create-user --with-key creates the account, books its credits and prints the key on its own line", async () => {
    const address = email("key");
    const run = await admin(["create-user", "--email", address, "--password", "s3cret-pass", "--plan", "pro", "--credits", "12.5", "--name", "Ada", "--with-key"]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const [summary, key, ...rest] = run.stdout.trimEnd().split("\n");
    expect(rest).toEqual([]);
    const row = await user(address);
    expect(summary).toBe(`Created account ${row.id} for ${address} · plan PRO · balance $12.50`);
    expect(key).toMatch(KEY_PATTERN);
    expect(row).toMatchObject({ plan: "PRO", name: "Ada", balance: 12_500_000_000n });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.ledger.map((l) => [l.kind, l.amount, l.reference])).toEqual([["GRANT", 12_500_000_000n, `signup:${row.id}`]]);
    expect(row.apiKeys.map((k) => k.hash)).toEqual([hashKey(key)]);
  });

  it("create-user --json prints one JSON object, with the default sign-up credits and no key", async () => {
    const address = email("json");
    const run = await admin(["create-user", "--email", address, "--json"]);
    expect(run.code).toBe(0);
    const row = await user(address);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true, id: row.id, email: address, plan: "FREE", role: "USER", balanceNano: parseUsd(env().SIGNUP_CREDITS_USD).toString(),
    });
    expect(row.apiKeys).toEqual([]);
  });

  it("refuses a duplicate e-mail, a bad --plan and bad --credits with one line and exit 1, creating nothing", async () => {
    const taken = email("taken");
    await createAccount({ email: taken });
    const fresh = email("fresh");
    const runs = await Promise.all([
      admin(["create-user", "--email", taken.toUpperCase()]),
      admin(["create-user", "--email", fresh, "--plan", "gold"]),
      admin(["create-user", "--email", fresh, "--credits", "five"]),
      admin(["create-user", "--email", fresh, "--credits", "-3"]),
    ]);
    expect(runs.map((r) => [r.code, r.stdout, r.stderr])).toEqual([
      [1, "", `error: An account with ${taken} already exists.\n`],
      [1, "", 'error: --plan must be free, pro or enterprise, not "gold".\n'],
      [1, "", 'error: --credits must be a dollar amount such as 5, 12.50 or -2 (up to 9 decimals), not "five".\n'],
      [1, "", "error: --credits for a new account cannot be negative.\n"],
    ]);
    expect(await prisma().user.count({ where: { email: fresh } })).toBe(0);
  });

  it("answers a missing or unknown option with a usage error, exit 2", async () => {
    const [missing, unknown] = await Promise.all([admin(["create-key"]), admin(["ledger-check", "--verbose"])]);
    expect(missing).toMatchObject({ code: 2, stderr: "error: --email is required. Run `npm run admin -- help` for create-key's options.\n" });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: Unknown option '--verbose'.*\n$/);
  });

  it("create-key prints a new key for the account; an unknown account exits 1", async () => {
    const address = email("create-key");
    await createAccount({ email: address });
    const nobody = email("nobody");
    const [made, missing] = await Promise.all([
      admin(["create-key", "--email", address, "--name", "ci"]),
      admin(["create-key", "--email", nobody]),
    ]);
    expect(made.code).toBe(0);
    const [title, key] = made.stdout.trimEnd().split("\n");
    expect(key).toMatch(KEY_PATTERN);
    expect(title).toBe(`Created key "ci" (sib-…${key.slice(-4)}) for ${address}:`);
    expect((await user(address)).apiKeys.map((k) => [k.name, k.hash])).toEqual([["ci", hashKey(key)]]);
    expect(missing).toEqual({ code: 1, stdout: "", stderr: `error: No account with e-mail ${nobody}.\n` });
  });

  it("create-key sets the key's spend limit, expiry, models and addresses; a bad value names its option and exits 1", async () => {
    const address = email("create-key-controls");
    await createAccount({ email: address });
    const made = await admin(["create-key", "--email", address, "--name", "capped", "--spend-limit", "2.5", "--period", "day", "--expires", "2099-01-31", "--models", "qwen-turbo,deepseek-chat", "--ips", "10.0.0.0/8,203.0.113.7"]);
    expect(made.code).toBe(0);
    const [key] = (await user(address)).apiKeys;
    expect([key.spendLimit, key.spendPeriod, key.expiresAt?.toISOString(), key.allowedModels, key.allowedIps])
      .toEqual([2_500_000_000n, "DAY", "2099-01-31T00:00:00.000Z", ["deepseek-chat", "qwen-turbo"], ["10.0.0.0/8", "203.0.113.7"]]);
    const [limit, period, ips, model] = await Promise.all([
      admin(["create-key", "--email", address, "--spend-limit", "lots"]),
      admin(["create-key", "--email", address, "--spend-limit", "1", "--period", "week"]),
      admin(["create-key", "--email", address, "--ips", "10.0.0.0/40"]),
      admin(["create-key", "--email", address, "--models", "gpt-4o"]),
    ]);
    expect(limit).toEqual({ code: 1, stdout: "", stderr: "error: --spend-limit: Enter a dollar amount, e.g. 5 or 12.50.\n" });
    expect(period).toEqual({ code: 1, stdout: "", stderr: "error: --period: use day, month or total.\n" });
    expect(ips.stderr).toBe('error: --ips: "10.0.0.0/40" is not an IP address or CIDR range (e.g. 203.0.113.7 or 10.0.0.0/8).\n');
    expect(model).toEqual({ code: 1, stdout: "", stderr: "error: Unknown model: gpt-4o.\n" });
    expect((await user(address)).apiKeys).toHaveLength(1);
  });

  it("grant books a GRANT for a positive amount and an ADJUSTMENT for a negative one, each with an admin: reference", async () => {
    const address = email("grant");
    await createAccount({ email: address, credits: 1_000_000_000n });
    const plus = await admin(["grant", "--email", address, "--credits", "2.5", "--reason", "goodwill"]);
    expect(plus.code).toBe(0);
    const minus = await admin(["grant", "--email", address, "--credits", "-1", "--reason", "refund reversed", "--json"]);
    expect(minus.code).toBe(0);
    const row = await user(address);
    const entries = row.ledger.filter((l) => l.reference.startsWith("admin:")).sort((a, b) => Number(b.amount - a.amount));
    // The customer reads a neutral description; the reason and the CLI operator stay internal.
    expect(entries.map((l) => [l.kind, l.amount, l.description, l.note, l.operatorId?.startsWith("cli:")])).toEqual([
      ["GRANT", 2_500_000_000n, "Credit added by SIB AI", "goodwill", true],
      ["ADJUSTMENT", -1_000_000_000n, "Balance adjustment by SIB AI", "refund reversed", true],
    ]);
    for (const l of entries) expect(l.reference).toMatch(/^admin:[0-9a-f-]{36}$/);
    expect(row.balance).toBe(2_500_000_000n);
    expect(plus.stdout).toBe(`GRANT of $2.50 to ${address} (${entries[0].reference}): balance now $3.50\n`);
    expect(JSON.parse(minus.stdout)).toMatchObject({ ok: true, kind: "ADJUSTMENT", amountNano: "-1000000000", balanceNano: "2500000000" });
  });

  it("grant refuses zero credits and a missing reason", async () => {
    const address = email("grant-bad");
    await createAccount({ email: address });
    const [zero, noReason] = await Promise.all([
      admin(["grant", "--email", address, "--credits", "0", "--reason", "x"]),
      admin(["grant", "--email", address, "--credits", "1"]),
    ]);
    expect(zero).toMatchObject({ code: 1, stderr: "error: --credits must not be zero.\n" });
    expect(noReason).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: --reason is required\./) });
    expect((await user(address)).ledger).toHaveLength(1);
  });

  it("set-plan stores an Enterprise account's own limits, clears them on another plan, refuses them on free/pro", async () => {
    const address = email("plan");
    await createAccount({ email: address });
    const enterprise = await admin(["set-plan", "--email", address, "--plan", "enterprise", "--rpm", "500", "--max-keys", "7"]);
    expect(enterprise.code).toBe(0);
    expect(enterprise.stdout).toContain(`${address}: plan ENTERPRISE · 500 requests/min · 1,000,000 tokens/min · 50 concurrent · 7 keys`);
    expect(await user(address)).toMatchObject({ plan: "ENTERPRISE", customRpm: 500, customTpm: null, customConcurrent: null, customMaxKeys: 7 });

    const [pro, refused] = await Promise.all([
      admin(["set-plan", "--email", address, "--plan", "pro"]),
      admin(["set-plan", "--email", address, "--plan", "free", "--rpm", "5"]),
    ]);
    expect(refused).toMatchObject({ code: 1, stderr: "error: --rpm, --tpm, --concurrent and --max-keys apply to --plan enterprise only.\n" });
    expect(pro.code).toBe(0);
    expect(await user(address)).toMatchObject({ plan: "PRO", customRpm: null, customMaxKeys: null });
  });
});

describe("npm run admin without DATABASE_URL", () => {
  it("starts the embedded PostgreSQL under DATA_DIR, migrates it, and stops it on exit", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "sib-admin-"));
    const embedded = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
    try {
      const address = email("embedded");
      const created = await admin(["create-user", "--email", address, "--json"], { embedded });
      expect(created).toMatchObject({ code: 0, stderr: "" });
      expect(JSON.parse(created.stdout)).toMatchObject({ ok: true, email: address });
      const check = await admin(["ledger-check"], { embedded });
      expect(check).toEqual({ code: 0, stderr: "", stdout: "OK: 1 account checked; every balance equals its ledger and every held amount its open holds and credit leases.\n" });
      expect(existsSync(path.join(dataDir, "pg", "PG_VERSION"))).toBe(true);
      const probe = new pg.Client({ connectionString: `postgresql://sib@127.0.0.1:${embedded.EMBEDDED_PG_PORT}/sib`, connectionTimeoutMillis: 2000 });
      await expect(probe.connect()).rejects.toThrow();
    } finally {
      // As root the data may live where the postgres user can reach it, linked from DATA_DIR/pg.
      const linked = await readlink(path.join(dataDir, "pg")).catch(() => null);
      if (linked) await rm(linked, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** Poll `probe` until it returns true (a bus message in flight), for at most 2 s. */
async function eventually(probe: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe("npm run admin -- operator commands", () => {
  it("create-user --admin and set-role give and take the console; both are audited as the CLI", async () => {
    const address = email("operator");
    const made = await admin(["create-user", "--email", address, "--admin", "--json"]);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ role: "ADMIN" });
    expect(await admin(["set-role", "--email", address, "--role", "user"])).toEqual({ code: 0, stderr: "", stdout: `${address}: role USER\n` });
    expect((await user(address)).role).toBe("USER");
    expect(await admin(["set-role", "--email", address, "--role", "boss"])).toMatchObject({ code: 1, stderr: 'error: --role must be admin or user, not "boss".\n' });
    const audit = JSON.parse((await admin(["audit", "--since", "10m", "--action", "account.set-role", "--json"])).stdout) as { entries: { actor: string; targetId: string; before: unknown; after: unknown }[] };
    const mine = audit.entries.filter((e) => e.targetId === (made.stdout && JSON.parse(made.stdout).id));
    expect(mine.map((e) => [e.before, e.after])).toEqual([[{ role: "ADMIN" }, { role: "USER" }], [{ role: "USER" }, { role: "ADMIN" }]]);
    for (const e of mine) expect(e.actor).toMatch(/^cli:/);
  });

  it("suspend drops the account's cached keys in this process too (Redis bus): 401 at once; unsuspend restores them", async () => {
    const address = email("suspend");
    const account = await createAccount({ email: address });
    const { key, prefix } = await createApiKey(account.id, "k");
    expect(await lookupKey(key)).toMatchObject({ userId: account.id }); // now cached here for 5 s
    const found = JSON.parse((await admin(["list-users", "--search", key, "--json"])).stdout) as { users: { email: string }[] };
    expect(found.users.map((u) => u.email)).toEqual([address]);
    expect((await admin(["suspend", "--email", address, "--reason", "abuse"])).stdout).toBe(`${address}: suspended\n`);
    expect(await eventually(async () => (await lookupKey(key)) === null)).toBe(true);
    expect((await admin(["show-user", "--email", address])).stdout).toMatch(/SUSPENDED since/);
    expect((await admin(["unsuspend", "--email", address])).code).toBe(0);
    expect(await eventually(async () => (await lookupKey(key)) !== null)).toBe(true);
    expect(await admin(["revoke-key", "--prefix", key])).toEqual({ code: 0, stderr: "", stdout: `Revoked ${prefix} (${(await user(address)).apiKeys[0].id}) of ${address}\n` });
    expect(await eventually(async () => (await lookupKey(key)) === null)).toBe(true);
    expect(await admin(["revoke-key", "--prefix", key])).toMatchObject({ code: 1, stderr: `error: No live key matches "${key}".\n` });
  });

  it("model-set changes a price this process's catalog sees at once (Redis bus), and prints what it replaced", async () => {
    const id = `cli-model-${randomUUID().slice(0, 8)}`;
    await prisma().model.create({ data: { id, provider: "deepseek", upstreamModel: "deepseek-chat", description: "test", inputPrice: 180n, outputPrice: 360n, contextWindow: 1000, maxOutputTokens: 100, sortOrder: 99 } });
    try {
      expect((await findModel(id))?.inputPrice).toBe(180n); // cached here
      const run = await admin(["model-set", "--id", id, "--input-price", "0.5", "--enabled", "true"]);
      expect(run).toEqual({ code: 0, stderr: "", stdout: `${id} inputPrice: $0.18 → $0.50\n` });
      expect(await eventually(async () => (await findModel(id))?.inputPrice === 500n)).toBe(true);
      expect((await admin(["model-list"])).stdout).toContain(`${id.padEnd(20)} enabled  in $0.50 out $0.36`);
      const bad = await admin(["model-set", "--id", id, "--output-price", "0.0001"]);
      expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: --output-price: Enter USD per million tokens/) });
    } finally {
      await prisma().model.delete({ where: { id } });
    }
  });

  it("model-set --aliases gives a model other names (found at once, audited), refuses one that names another model, and none clears them", async () => {
    const id = `cli-alias-${randomUUID().slice(0, 8)}`;
    const alias = `${id}-claude`;
    await prisma().model.create({ data: { id, provider: "deepseek", upstreamModel: "deepseek-chat", description: "test", inputPrice: 180n, outputPrice: 360n, contextWindow: 1000, maxOutputTokens: 100, sortOrder: 99 } });
    try {
      expect(await admin(["model-set", "--id", id, "--aliases", `${alias}, ${alias}-2`])).toEqual({ code: 0, stderr: "", stdout: `${id} aliases: none → ${alias},${alias}-2\n` });
      expect(await eventually(async () => (await findModel(alias))?.id === id)).toBe(true);
      expect((await admin(["model-list"])).stdout).toContain(`aliases ${alias},${alias}-2`);
      expect(await prisma().auditLog.findFirst({ where: { action: "model.update", targetId: id }, orderBy: { id: "desc" } })).toMatchObject({ before: { aliases: [] }, after: { aliases: [alias, `${alias}-2`] } });
      expect(await admin(["model-set", "--id", id, "--aliases", "claude-sonnet-4-5"])).toMatchObject({ code: 1, stderr: 'error: "claude-sonnet-4-5" already names deepseek-chat.\n' });
      expect(await admin(["model-set", "--id", id, "--aliases", "deepseek-chat"])).toMatchObject({ code: 1, stderr: 'error: "deepseek-chat" already names deepseek-chat.\n' });
      expect((await admin(["model-set", "--id", id, "--aliases", "none"])).code).toBe(0);
      expect(await eventually(async () => (await findModel(alias)) === undefined)).toBe(true);
    } finally {
      await prisma().model.delete({ where: { id } });
    }
  });
});

describe("npm run admin -- ledger-check", () => {
  // A database of its own: the drift this test makes must not be seen by other test files.
  it("migrates a fresh database, reports OK, then names a drifting account and exits 1", async () => {
    const scratch = await createScratchDatabase(TEST_DATABASE_URL, "admin");
    try {
      const [a, b] = [email("drift-a"), email("drift-b")];
      expect((await admin(["create-user", "--email", a], { databaseUrl: scratch.url })).code).toBe(0);
      expect((await admin(["create-user", "--email", b], { databaseUrl: scratch.url })).code).toBe(0);
      expect((await admin(["create-key", "--email", b, "--spend-limit", "1"], { databaseUrl: scratch.url })).code).toBe(0);
      expect(await admin(["ledger-check"], { databaseUrl: scratch.url })).toEqual({
        code: 0, stderr: "",
        stdout: "OK: 2 accounts checked; every balance equals its ledger and every held amount its open holds and credit leases.\n",
      });

      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      const { rows } = await client.query<{ id: string }>(`UPDATE "User" SET balance = balance + 1 WHERE email = $1 RETURNING id`, [b]);
      // A key's held amount that no open hold explains (what counts against its spend limit).
      const keys = await client.query<{ id: string }>(`UPDATE "ApiKey" SET held = 5 WHERE "userId" = $1 RETURNING id`, [rows[0].id]);
      await client.end();

      const signup = parseUsd(env().SIGNUP_CREDITS_USD);
      const usd9 = (nano: bigint) => `$${nano / 1_000_000_000n}.${(nano % 1_000_000_000n).toString().padStart(9, "0")}`;
      expect(await admin(["ledger-check"], { databaseUrl: scratch.url })).toEqual({
        code: 1, stderr: "",
        stdout: `DRIFT ${b} (${rows[0].id}): balance ${usd9(signup + 1n)}, ledger sum ${usd9(signup)}; held $0.000000000, open holds and leases $0.000000000; key ${keys.rows[0].id} held $0.000000005, its open holds $0.000000000\n`,
      });
    } finally {
      await scratch.drop();
    }
  });
});
