// Prisma's schema engine (WebAssembly) against the embedded PostgreSQL, which is version 18: the
// database the quick start runs on must be diffable, or `npm run db:migrate -- --check | --create` fail there.
import { mkdtemp, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/free-port";
import { startEmbeddedPostgres } from "./embedded";
import { applyMigrations, diffDatabaseToSchema, openEngine } from "./schema-engine";

const cleanup: string[] = [];
afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

describe("the schema engine on the embedded PostgreSQL", () => {
  it("applies every migration, then finds the database and schema.prisma in agreement", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "sib-engine-"));
    cleanup.push(dataDir);
    const db = await startEmbeddedPostgres(dataDir, await freePort(), () => undefined);
    const linked = await readlink(path.join(dataDir, "pg")).catch(() => null);
    if (linked) cleanup.push(linked); // as root: the data lives where the postgres user can reach it
    try {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
      await client.end();
      expect(Number(rows[0].server_version_num)).toBeGreaterThanOrEqual(180_000); // NOT NULL constraints in pg_constraint
      const { engine, close } = await openEngine(db.url);
      try {
        expect((await applyMigrations(engine)).length).toBeGreaterThan(0);
        expect(await diffDatabaseToSchema(engine)).toBe("");
      } finally {
        await close();
      }
    } finally {
      await db.stop();
    }
  }, 180_000);
});
