// A self-hosted Redis as a limit store: the script calls (evalsha, eval) on one ioredis
// connection that writes each command as it is called.
import IORedis from "ioredis";
import type { LimitStore } from "./store-limiter";
import { log } from "../log";

type Arg = string | number;

function toArgs(values: unknown[]): Arg[] {
  return values.map((v) => (typeof v === "number" ? v : typeof v === "string" ? v : JSON.stringify(v)));
}

/** Open a Redis connection as a limit store: each command is written as it is called, in order. */
export function connectIoredis(url: string): LimitStore {
  const redis = new IORedis(url, { maxRetriesPerRequest: 1, commandTimeout: 5_000 });
  let lastError = "";
  redis.on("error", (err: Error) => {
    if (err.message !== lastError) log.error(`limits: Redis error: ${err.message}`);
    lastError = err.message;
  });
  redis.on("ready", () => (lastError = ""));
  return {
    sendsAtOnce: true,
    client: {
      evalsha: async <TArgs extends unknown[], TData = unknown>(sha: string, keys: string[], args: TArgs) =>
        (await redis.evalsha(sha, keys.length, ...keys, ...toArgs(args))) as TData,
      eval: async <TArgs extends unknown[], TData = unknown>(script: string, keys: string[], args: TArgs) =>
        (await redis.eval(script, keys.length, ...keys, ...toArgs(args))) as TData,
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
