// A self-hosted Redis behind the client interface @upstash/ratelimit calls
// (evalsha, eval, get, set), through one auto-pipelined ioredis connection.
import IORedis from "ioredis";
import type { LimitStore } from "./store-limiter";
import { ScriptDialect } from "./scripts";
import { log } from "../log";

type Arg = string | number;

function toArgs(values: unknown[]): Arg[] {
  return values.map((v) => (typeof v === "number" ? v : typeof v === "string" ? v : JSON.stringify(v)));
}

/** Open a Redis connection as a limit store. Commands issued in the same tick share one round trip. */
export function connectIoredis(url: string): LimitStore {
  const redis = new IORedis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 1, commandTimeout: 5_000 });
  let lastError = "";
  redis.on("error", (err: Error) => {
    if (err.message !== lastError) log.error(`limits: Redis error: ${err.message}`);
    lastError = err.message;
  });
  redis.on("ready", () => (lastError = ""));
  const dialect = new ScriptDialect();
  return {
    client: {
      evalsha: async <TArgs extends unknown[], TData = unknown>(sha: string, keys: string[], args: TArgs) =>
        (await redis.evalsha(dialect.shaForRedis(sha), keys.length, ...keys, ...toArgs(args))) as TData,
      eval: async <TArgs extends unknown[], TData = unknown>(script: string, keys: string[], args: TArgs) =>
        (await redis.eval(dialect.forRedis(script), keys.length, ...keys, ...toArgs(args))) as TData,
      // get/set serve @upstash/ratelimit's optional dynamic limits; values are JSON, as Upstash stores them.
      get: async <TData>(key: string) => {
        const value = await redis.get(key);
        if (value === null) return null;
        try {
          return JSON.parse(value) as TData;
        } catch {
          return value as TData;
        }
      },
      set: async <TData>(key: string, value: TData) => (await redis.set(key, JSON.stringify(value))) as "OK",
    },
    close: async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
