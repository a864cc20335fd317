// A background job of every server process: a run every `everyMs` (and one at once, when asked),
// never two at a time — when a run is still going as the next is due (a slow or hung database),
// that beat is skipped rather than piling another run, and another connection, on top of it.
import { log } from "../log";

/** Start `run` as job `name`; the returned function stops it and waits for a run in progress. */
export function startPeriodicJob(name: string, run: () => Promise<void>, everyMs: number, options: { atStart?: boolean } = {}): () => Promise<void> {
  let running: Promise<void> | null = null;
  const beat = () => {
    running ??= run()
      .catch((err: Error) => log.error(`${name}: ${err.message}`))
      .finally(() => {
        running = null;
      });
  };
  if (options.atStart) beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
