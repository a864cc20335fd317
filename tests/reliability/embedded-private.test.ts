// The embedded PostgreSQL from a folder other users cannot enter (a `mktemp -d` folder, or
// /root/sib-ai when run as root): as root PostgreSQL runs as the postgres user, who can reach
// neither the data folder nor binaries there; it must start anyway, keep its data, and stop.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readlink, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { binariesDir, startEmbeddedPostgres } from "../../lib/db/embedded";
import { initCluster, prepareRootCluster, startCluster } from "../../lib/db/embedded-root";
import { freePort } from "../../scripts/free-port";

const cleanup: string[] = [];
afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

async function privateFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "sib-private-"));
  cleanup.push(dir);
  expect((await stat(dir)).mode & 0o077).toBe(0); // mkdtemp: nobody else may enter
  return dir;
}

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("the embedded PostgreSQL in a private folder", () => {
  it("starts with DATA_DIR inside it, keeps its data across a restart, and stops", async () => {
    const dataDir = await privateFolder();
    const port = await freePort();
    const first = await startEmbeddedPostgres(dataDir, port, () => undefined);
    try {
      await query(first.url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
    } finally {
      await first.stop();
    }
    expect(existsSync(path.join(dataDir, "pg", "PG_VERSION"))).toBe(true);
    const linked = await readlink(path.join(dataDir, "pg")).catch(() => null);
    if (linked) cleanup.push(linked); // as root: the data lives where the postgres user can reach it
    const second = await startEmbeddedPostgres(dataDir, port, () => undefined);
    try {
      expect(await query(second.url, "SELECT n FROM kept")).toEqual([{ n: 42 }]);
    } finally {
      await second.stop();
    }
    await expect(query(second.url, "SELECT 1")).rejects.toThrow();
  }, 120_000);

  it("as root, with the binaries inside a private folder too (a fresh clone under mktemp -d)", async () => {
    expect(process.getuid?.()).toBe(0); // the case of the issue: tests run as root on CI
    const clone = await privateFolder();
    const shipped = await binariesDir();
    const binDir = path.join(clone, "native");
    await cp(shipped, binDir, { recursive: true });
    const cluster = await prepareRootCluster(binDir, path.join(clone, ".data", "pg"), () => undefined);
    if (cluster.binDir !== binDir) cleanup.push(cluster.binDir);
    if (cluster.databaseDir !== path.join(clone, ".data", "pg")) cleanup.push(cluster.databaseDir);
    // The postgres user can run the binaries it was given.
    expect(spawnSync("test", ["-x", path.join(cluster.binDir, "bin", "postgres")], cluster.ids).status).toBe(0);
    await initCluster(cluster, "sib", "secret-1");
    const port = await freePort();
    const stop = await startCluster(cluster, port);
    try {
      expect(await query(`postgresql://sib:secret-1@127.0.0.1:${port}/postgres`, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await stop();
    }
  }, 180_000);
});
