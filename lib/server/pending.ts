// Work that outlives a response (settlement, then the balance looks it starts): tracked so a graceful stop waits for it.
import type { Runtime } from "../gateway/types";
import { log } from "../log";
import { balanceWatchIdle } from "../billing/alerts/watch";

/** A Runtime whose waitUntil promises can be awaited at shutdown. */
export function trackedRuntime(): Runtime & { drain(): Promise<void> } {
  const pending = new Set<Promise<unknown>>();
  return {
    waitUntil(promise) {
      const tracked = promise
        .catch((err: Error) => log.error(`background work failed: ${err.message}`))
        .finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
    async drain() {
      while (pending.size) await Promise.all([...pending]);
      // The balance looks those settlements started (alert e-mails, auto top-ups).
      await balanceWatchIdle();
    },
  };
}
