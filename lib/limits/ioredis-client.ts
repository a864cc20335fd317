// A self-hosted Redis as a limit store: the script calls (evalsha, eval) on one ioredis
// connection. Commands issued in one turn of the event loop leave in one write (the socket is
// corked until the turn ends); written() says when that write has happened, or makes it now.
// While Redis is unreachable or not answering, commands fail at once (redis-guard.ts).
import IORedis from "ioredis";
import type { LimitStore } from "./store-limiter";
import { COMMAND_TIMEOUT_MS, guardRedis } from "./redis-guard";

type Arg = string | number;

function toArgs(values: unknown[]): Arg[] {
  return values.map((v) => (typeof v === "number" ? v : typeof v === "string" ? v : JSON.stringify(v)));
}

/** Open a Redis connection as a limit store: commands are written in order, a turn's together. */
export function connectIoredis(url: string): LimitStore {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS });
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
  const guard = guardRedis(redis, "limits");
  return {
    written: (now) => {
      if (now) flush();
      return corked ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve();
    },
    client: {
      evalsha: <TArgs extends unknown[], TData = unknown>(sha: string, keys: string[], args: TArgs) =>
        guard.run(() => (gather(), redis.evalsha(sha, keys.length, ...keys, ...toArgs(args)) as Promise<TData>)),
      eval: <TArgs extends unknown[], TData = unknown>(script: string, keys: string[], args: TArgs) =>
        guard.run(() => (gather(), redis.eval(script, keys.length, ...keys, ...toArgs(args)) as Promise<TData>)),
      scriptLoad: (script: string) => guard.run(async () => String(await redis.script("LOAD", script))),
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
