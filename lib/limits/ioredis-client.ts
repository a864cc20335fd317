// A self-hosted Redis as a limit store: the script calls (evalsha, eval) on one ioredis
// connection. Commands issued in one turn of the event loop leave in one write (the socket is
// corked until the turn ends); written() says when that write has happened, or makes it now.
// Once Redis has been unreachable for DOWN_FAIL_FAST_MS, commands fail at once (the request is
// a 503 to retry, lib/db/unavailable.ts) instead of queueing until they time out.
import IORedis from "ioredis";
import type { LimitStore } from "./store-limiter";
import { log } from "../log";

type Arg = string | number;

/** How long a lost connection may queue commands (a reconnect within it serves them) before they fail at once. */
const DOWN_FAIL_FAST_MS = 250;

function toArgs(values: unknown[]): Arg[] {
  return values.map((v) => (typeof v === "number" ? v : typeof v === "string" ? v : JSON.stringify(v)));
}

/** Open a Redis connection as a limit store: commands are written in order, a turn's together. */
export function connectIoredis(url: string): LimitStore {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1, commandTimeout: 5_000 });
  let corked: typeof redis.stream | null = null;
  let waiting: (() => void)[] = [];
  const flush = () => {
    const stream = corked;
    const done = waiting;
    corked = null;
    waiting = [];
    stream?.uncork();
    for (const resolve of done) resolve();
  };
  /** Hold this turn's commands back, to write them together when it ends. */
  const gather = () => {
    if (corked || !redis.stream) return;
    corked = redis.stream;
    redis.stream.cork();
    setImmediate(flush);
  };
  let lastError = "";
  redis.on("error", (err: Error) => {
    if (err.message !== lastError) log.error(`limits: Redis error: ${err.message}`);
    lastError = err.message;
  });
  let downSince: number | null = null;
  redis.on("close", () => (downSince ??= Date.now()));
  redis.on("ready", () => {
    lastError = "";
    downSince = null;
  });
  /** Refuse a command while Redis has been unreachable for a while; else gather it into this turn's write. */
  const send = () => {
    if (downSince !== null && Date.now() - downSince >= DOWN_FAIL_FAST_MS) {
      throw new Error(`Connection is closed: Redis has been unreachable for ${Date.now() - downSince} ms (${lastError || "reconnecting"})`);
    }
    gather();
  };
  return {
    written: (now) => {
      if (now) flush();
      return corked ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve();
    },
    client: {
      evalsha: async <TArgs extends unknown[], TData = unknown>(sha: string, keys: string[], args: TArgs) => {
        send();
        return (await redis.evalsha(sha, keys.length, ...keys, ...toArgs(args))) as TData;
      },
      eval: async <TArgs extends unknown[], TData = unknown>(script: string, keys: string[], args: TArgs) => {
        send();
        return (await redis.eval(script, keys.length, ...keys, ...toArgs(args))) as TData;
      },
      scriptLoad: async (script: string) => String(await redis.script("LOAD", script)),
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
