// A self-hosted Redis behind the client interface @upstash/ratelimit calls
// (evalsha, eval, get, set), through one auto-pipelined ioredis connection, and a second
// connection that writes each command as it is called (for the release sent before a response).
import IORedis from "ioredis";
import type { LimitStore } from "./store-limiter";
import { ScriptDialect } from "./scripts";
import { log } from "../log";

type Arg = string | number;

function toArgs(values: unknown[]): Arg[] {
  return values.map((v) => (typeof v === "number" ? v : typeof v === "string" ? v : JSON.stringify(v)));
}

function open(url: string, enableAutoPipelining: boolean): IORedis {
  const redis = new IORedis(url, { enableAutoPipelining, maxRetriesPerRequest: 1, commandTimeout: 5_000 });
  let lastError = "";
  redis.on("error", (err: Error) => {
    if (err.message !== lastError) log.error(`limits: Redis error: ${err.message}`);
    lastError = err.message;
  });
  redis.on("ready", () => (lastError = ""));
  return redis;
}

/** Open a Redis connection as a limit store. Commands issued in the same tick share one round trip. */
export function connectIoredis(url: string): LimitStore {
  const redis = open(url, true);
  const direct = open(url, false);
  const dialect = new ScriptDialect();
  const scripts = (connection: IORedis) => ({
    evalsha: async <TArgs extends unknown[], TData = unknown>(sha: string, keys: string[], args: TArgs) =>
      (await connection.evalsha(dialect.shaForRedis(sha), keys.length, ...keys, ...toArgs(args))) as TData,
    eval: async <TArgs extends unknown[], TData = unknown>(script: string, keys: string[], args: TArgs) =>
      (await connection.eval(dialect.forRedis(script), keys.length, ...keys, ...toArgs(args))) as TData,
  });
  return {
    immediate: scripts(direct),
    client: {
      ...scripts(redis),
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
      await Promise.all([redis, direct].map((connection) => connection.quit().catch(() => connection.disconnect())));
    },
  };
}
