// The overview's rollup as a background job of every server process: one run at start (the
// first ever backfills the log), then one a minute; a run finds nothing to do until an hour
// closes, and only one instance at a time does the work (lib/admin-console/rollup.ts).
import { rollUpUsage } from "../admin-console/rollup";
import { log } from "../log";

const ROLLUP_INTERVAL_MS = 60_000;

/** Start the job; the returned function stops it and waits for a run in progress. */
export function startRollupJob(): () => Promise<void> {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= rollUpUsage()
      .then((hours) => {
        if (hours) log.info(`usage rollup: ${hours} hour(s) added`);
      })
      .catch((err: Error) => log.error(`usage rollup: ${err.message}`))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, ROLLUP_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
