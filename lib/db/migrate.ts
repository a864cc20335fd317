// Apply pending migrations with the offline schema engine, one process at a time: several
// instances starting together on one database take turns (the engine's own lock gives up
// after 10 s); whoever comes second finds the schema up to date and goes on. A database that
// has every migration already (most starts) is told by one query, without loading the engine
// (its WebAssembly keeps ~100 MB for the life of the process).
import pg from "pg";
import { applyMigrations, openEngine, readMigrations } from "./schema-engine";

/** Our own advisory lock key ("sib-migr"), distinct from the engine's 72707369. */
const MIGRATION_LOCK = 0x7369622d6d696772n;
/** How long a process waits for another's migrations before giving up. */
const LOCK_WAIT_MS = 10 * 60_000;

/** Whether the database records every migration of the folder as applied (finished, not rolled back). */
async function upToDate(client: pg.Client): Promise<boolean> {
  const local = (await readMigrations()).migrationDirectories.map((dir) => dir.path);
  const { rows } = await client
    .query<{ migration_name: string }>(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
    .catch(() => ({ rows: [] })); // no table yet: a new database
  const applied = new Set(rows.map((row) => row.migration_name));
  return local.length > 0 && local.every((name) => applied.has(name));
}

/** Apply pending migrations to `url`; logs what it applied. */
export async function migrate(url: string, log: (line: string) => void = console.log): Promise<void> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query(`SET statement_timeout = ${LOCK_WAIT_MS}`);
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK.toString()]);
    if (await upToDate(lock)) {
      log("Database schema is up to date.");
      return;
    }
    const { engine, close } = await openEngine(url);
    try {
      const applied = await applyMigrations(engine);
      log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
    } finally {
      await close();
    }
  } finally {
    // Ending the session releases the lock, also when the unlock itself could not be sent.
    await lock.end().catch(() => undefined);
  }
}
