// Whether a Redis connection is worth a command, so a request is refused at once (a 503 to retry,
// lib/db/unavailable.ts reads these messages) rather than after a wait, while Redis is:
// - unreachable: the connection closed DOWN_FAIL_FAST_MS ago and has not come back (a reconnect
//   within that time serves the commands queued meanwhile);
// - not answering: a command timed out (a hung server, or a failover that left this connection
//   half-open; Redis answers in order, so nothing sent after it was answered either). The
//   connection is replaced (replaceConnection) and counts as unreachable until the new one is ready:
//   after a failover that is at once; a hung server's is ready once it answers again.
import type IORedis from "ioredis";
import { log } from "../log";

/** How long a Redis (or Upstash) command may go unanswered before it fails as an outage, on every connection we open. */
export const COMMAND_TIMEOUT_MS = 5_000;
const DOWN_FAIL_FAST_MS = 250;

/**
 * Close `redis` and open it again: what the old connection still owes fails now. Not ioredis's own
 * reconnect, which sends those commands again on the new connection — a limits script sent again
 * after its request was refused would count it, and hold a concurrency slot until its lease expired.
 */
export function replaceConnection(redis: IORedis): void {
  redis.once("end", () => void redis.connect().catch(() => undefined));
  redis.disconnect();
}

/** Watch `redis` (logging each new error under `purpose`); `run` sends a command through the guard. */
export function guardRedis(redis: IORedis, purpose: string): { run: <T>(command: () => Promise<T>) => Promise<T> } {
  let lastError = "";
  let downSince: number | null = null;
  redis.on("error", (err: Error) => {
    if (err.message !== lastError) log.error(`${purpose}: Redis error: ${err.message}`);
    lastError = err.message;
  });
  redis.on("close", () => (downSince ??= Date.now()));
  redis.on("ready", () => {
    lastError = "";
    downSince = null;
  });
  return {
    run: async (command) => {
      const sentAt = Date.now();
      if (downSince !== null && sentAt - downSince >= DOWN_FAIL_FAST_MS) {
        throw new Error(`Connection is closed: Redis has been unreachable for ${sentAt - downSince} ms (${lastError || "reconnecting"})`);
      }
      try {
        return await command();
      } catch (err) {
        if (/Command timed out/.test((err as Error).message) && downSince === null) {
          log.error(`${purpose}: Redis did not answer within ${COMMAND_TIMEOUT_MS} ms; opening a new connection`);
          downSince = Date.now() - DOWN_FAIL_FAST_MS; // not a blip: refuse at once until the new connection is ready
          lastError = "not answering";
          replaceConnection(redis);
        }
        throw err;
      }
    },
  };
}
