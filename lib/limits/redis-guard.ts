// Whether a Redis connection is worth a command, so a request is refused at once (a 503 to retry,
// lib/db/unavailable.ts reads these messages) rather than after a wait, while Redis is:
// - unreachable: the connection closed DOWN_FAIL_FAST_MS ago and has not come back (a reconnect
//   within that time serves the commands queued meanwhile);
// - silent: a command timed out (a hung server, a partition: Redis answers in order, so nothing sent
//   after it was answered either). One command a second goes through as a probe (one at a time);
//   any answer ends the silence.
import type IORedis from "ioredis";
import { ReplyError } from "ioredis";
import { log } from "../log";

/** How long a Redis (or Upstash) command may go unanswered before it fails as an outage, on every connection we open. */
export const COMMAND_TIMEOUT_MS = 5_000;
const DOWN_FAIL_FAST_MS = 250;
const PROBE_EVERY_MS = 1_000;

/** Watch `redis` (logging each new error under `purpose`); `run` sends a command through the guard. */
export function guardRedis(redis: IORedis, purpose: string): { run: <T>(command: () => Promise<T>) => Promise<T> } {
  let lastError = "";
  let downSince: number | null = null;
  let silentSince: number | null = null;
  let probing = false;
  let probedAt = 0;
  redis.on("error", (err: Error) => {
    if (err.message !== lastError) log.error(`${purpose}: Redis error: ${err.message}`);
    lastError = err.message;
  });
  redis.on("close", () => (downSince ??= Date.now()));
  redis.on("ready", () => {
    lastError = "";
    downSince = null;
  });
  const answered = () => (silentSince = null);
  return {
    run: async (command) => {
      const sentAt = Date.now();
      if (downSince !== null && sentAt - downSince >= DOWN_FAIL_FAST_MS) {
        throw new Error(`Connection is closed: Redis has been unreachable for ${sentAt - downSince} ms (${lastError || "reconnecting"})`);
      }
      const probe = silentSince !== null;
      if (probe && (probing || sentAt - probedAt < PROBE_EVERY_MS)) throw new Error(`Command timed out: Redis has not answered for ${sentAt - silentSince!} ms`);
      if (probe) [probing, probedAt] = [true, sentAt];
      try {
        const result = await command();
        answered();
        return result;
      } catch (err) {
        if (err instanceof ReplyError) answered(); // Redis answered, with an error (NOSCRIPT, say)
        else if (/Command timed out/.test((err as Error).message)) {
          silentSince ??= sentAt;
          probedAt = Date.now(); // the next probe a second from now
        }
        throw err;
      } finally {
        if (probe) probing = false;
      }
    },
  };
}
