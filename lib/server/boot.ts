// What every server process does before it answers: find its database (or start the
// embedded one), apply migrations, seed the catalog, and start the sweeper of holds and credit leases and the
// console's usage rollup.
import { ensureDatabase, type DatabaseHandle } from "../db/ensure";
import { migrate } from "../db/migrate";
import { sweepExpiredHolds } from "../billing/ledger";
import { seedCatalog } from "../gateway/catalog";
import { env, publicUrl } from "../env";
import { log } from "../log";
import { rollUpUsage } from "../admin-console/rollup";
import { startPeriodicJob } from "./periodic-job";

const SWEEP_INTERVAL_MS = 60_000;
/** A rollup run finds nothing to do until an hour closes; only one instance at a time does the work (lib/admin-console/rollup.ts). */
const ROLLUP_INTERVAL_MS = 60_000;

/** Settings production cannot run without, named with their fix. */
function checkProductionConfig(): void {
  const config = env();
  if (config.NODE_ENV === "production" && !config.NEXTAUTH_SECRET) {
    throw new Error("NEXTAUTH_SECRET is required in production: set it to a long random string (e.g. `openssl rand -base64 32`).");
  }
}

/** Prepare data and background work; returns the database handle and a stop function. */
export async function boot(): Promise<{ database: DatabaseHandle; stop: () => Promise<void> }> {
  checkProductionConfig();
  // next-auth reads its base URL from the environment; default it to this install's origin.
  process.env.NEXTAUTH_URL ??= publicUrl();
  const database = await ensureDatabase((line) => log.info(line));
  await migrate(database.url, (line) => log.info(line));
  await seedCatalog();
  const stopSweeper = startPeriodicJob("hold sweeper", async () => {
    const n = await sweepExpiredHolds();
    if (n) log.warn(`closed ${n} hold(s) and credit lease(s) left by a stopped process (streams billed for what they had delivered, the rest released)`);
  }, SWEEP_INTERVAL_MS);
  // The first run at start backfills the usage log's closed hours.
  const stopRollup = startPeriodicJob("usage rollup", async () => {
    const hours = await rollUpUsage();
    if (hours) log.info(`usage rollup: ${hours} hour(s) added`);
  }, ROLLUP_INTERVAL_MS, { atStart: true });
  return {
    database,
    stop: async () => {
      await Promise.all([stopSweeper(), stopRollup()]);
      await database.stop();
    },
  };
}
