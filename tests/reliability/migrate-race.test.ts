// Two processes start at the same moment on a database with pending migrations (the first
// boot of a scaled install, a rolling deploy that carries a migration): the one that loses
// the race waits for the winner and goes on; both succeed and the schema is applied once.
import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../lib/db/migrate";
import { createScratchDatabase } from "../../lib/db/scratch";
import { TEST_DATABASE_URL } from "../setup/services";

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

/** Start a process that migrates and stays up; resolves with its output once it has migrated or failed. */
function migrateProcess(databaseUrl: string): Promise<{ ok: boolean; output: string; stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/migrate-process.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve) => {
    const done = (ok: boolean) => resolve({ ok, output, stop: () => child.kill("SIGTERM") });
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString();
      if (/^migrated$/m.test(output)) done(true);
    });
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.once("exit", () => done(false));
  });
}

async function appliedOnce(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string; distinct_n: string }>(
      `SELECT count(*) AS n, count(DISTINCT migration_name) AS distinct_n FROM _prisma_migrations WHERE finished_at IS NOT NULL`,
    );
    expect(Number(rows[0].n)).toBeGreaterThan(0);
    expect(rows[0].n).toBe(rows[0].distinct_n);
  } finally {
    await client.end();
  }
}

describe("migrations started together", () => {
  it("in one long-lived process (a server keeps running after migrating): the second waits for the first and goes on", async () => {
    const scratch = await createScratchDatabase(TEST_DATABASE_URL, "race");
    drops.push(scratch.drop);
    const lines: string[] = [];
    // Before the fix the second failed after 10 s ("Timed out trying to acquire a postgres advisory lock").
    await Promise.all([migrate(scratch.url, (l) => lines.push(l)), migrate(scratch.url, (l) => lines.push(l))]);
    expect(lines.filter((l) => /Applied migrations/.test(l))).toHaveLength(1);
    expect(lines).toContain("Database schema is up to date.");
    await appliedOnce(scratch.url);
  }, 60_000);

  it("in two server processes that stay up: both succeed; every migration is applied exactly once", async () => {
    const scratch = await createScratchDatabase(TEST_DATABASE_URL, "race");
    drops.push(scratch.drop);
    const results = await Promise.all([migrateProcess(scratch.url), migrateProcess(scratch.url)]);
    results.forEach((r) => r.stop());
    for (const r of results) expect(r.ok, r.output).toBe(true);
    expect(results.filter((r) => /Applied migrations/.test(r.output))).toHaveLength(1);
    await appliedOnce(scratch.url);
  }, 120_000);
});
