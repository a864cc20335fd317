// What every server process does before it answers: find its database (or start the
// embedded one), apply migrations, seed the catalog, and start the hold sweeper.
import { ensureDatabase, type DatabaseHandle } from "../db/ensure";
import { migrate } from "../db/migrate";
import { sweepExpiredHolds } from "../billing/ledger";
import { seedCatalog } from "../gateway/catalog";
import { log } from "../log";

const SWEEP_INTERVAL_MS = 60_000;

/** Prepare data and background work; returns the database handle and a stop function. */
export async function boot(): Promise<{ database: DatabaseHandle; stop: () => Promise<void> }> {
  const database = await ensureDatabase((line) => log.info(line));
  await migrate(database.url, (line) => log.info(line));
  await seedCatalog();
  const sweeper = setInterval(() => {
    sweepExpiredHolds()
      .then((n) => n && log.warn(`released ${n} hold(s) left by a stopped process`))
      .catch((err: Error) => log.error(`hold sweeper: ${err.message}`));
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  return {
    database,
    stop: async () => {
      clearInterval(sweeper);
      await database.stop();
    },
  };
}
