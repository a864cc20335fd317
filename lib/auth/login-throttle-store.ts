// Where failed sign-in counts live: this process's memory, or Redis/Upstash so that every
// instance counts together (this process's memory while they cannot be reached). A count is { failures, last failure (Unix ms) }, forgotten
// `ttlMs` after its last failure.
import { isStoreUnavailable } from "../db/unavailable";
import { runScript, scriptSha, type ScriptClient } from "../limits/scripts";
import { log } from "../log";

export type FailureCount = { failures: number; last: number };

export interface ThrottleStore {
  /** The counts of `keys`, null where none is live. */
  read(keys: string[], now: number): Promise<(FailureCount | null)[]>;
  /** Count one failure on each key at `now`; each is forgotten `ttlMs` later unless it fails again. */
  fail(keys: string[], now: number, ttlMs: number): Promise<void>;
  clear(keys: string[]): Promise<void>;
}

/** Counts in this process only (one instance). */
export function memoryThrottleStore(maxTracked = 100_000): ThrottleStore {
  const counts = new Map<string, FailureCount & { expires: number }>();
  const live = (key: string, now: number) => {
    const count = counts.get(key);
    if (count && count.expires <= now) counts.delete(key);
    return count && count.expires > now ? count : null;
  };
  return {
    async read(keys, now) {
      return keys.map((key) => {
        const count = live(key, now);
        return count ? { failures: count.failures, last: count.last } : null;
      });
    },
    async fail(keys, now, ttlMs) {
      for (const key of keys) {
        const failures = (live(key, now)?.failures ?? 0) + 1;
        if (failures === 1 && counts.size >= maxTracked) counts.clear();
        counts.set(key, { failures, last: now, expires: now + ttlMs });
      }
    },
    async clear(keys) {
      for (const key of keys) counts.delete(key);
    },
  };
}

const READ = `
local out = {}
for i, key in ipairs(KEYS) do
  local v = redis.call('HMGET', key, 'n', 'last')
  out[#out + 1] = v[1] or false
  out[#out + 1] = v[2] or false
end
return out
`;
const FAIL = `
for i, key in ipairs(KEYS) do
  redis.call('HINCRBY', key, 'n', 1)
  redis.call('HSET', key, 'last', ARGV[1])
  redis.call('PEXPIRE', key, ARGV[2])
end
return 1
`;
const CLEAR = `for i, key in ipairs(KEYS) do redis.call('DEL', key) end return 1`;
const [READ_SHA, FAIL_SHA, CLEAR_SHA] = [READ, FAIL, CLEAR].map(scriptSha);

/** Counts in Redis or Upstash under `prefix`, shared by every instance. */
export function redisThrottleStore(client: ScriptClient, prefix: string): ThrottleStore {
  const named = (keys: string[]) => keys.map((key) => `${prefix}:${key}`);
  return {
    async read(keys) {
      const flat = await runScript<(string | number | null)[]>(client, READ, READ_SHA, named(keys), []);
      return keys.map((_, i) => (flat[2 * i] ? { failures: Number(flat[2 * i]), last: Number(flat[2 * i + 1]) } : null));
    },
    async fail(keys, now, ttlMs) {
      await runScript<number>(client, FAIL, FAIL_SHA, named(keys), [now, ttlMs]);
    },
    async clear(keys) {
      await runScript<number>(client, CLEAR, CLEAR_SHA, named(keys), []);
    },
  };
}

/**
 * Counts in Redis or Upstash, shared by every instance — and while they cannot be reached, in this process
 * (as with one instance): sign-in keeps working through a Redis outage, throttled per instance meanwhile.
 */
export function sharedThrottleStore(client: ScriptClient, prefix: string): ThrottleStore {
  const shared = redisThrottleStore(client, prefix);
  const local = memoryThrottleStore();
  let away = false;
  const either = <T>(call: (store: ThrottleStore) => Promise<T>): Promise<T> =>
    call(shared).then(
      (result) => ((away = false), result),
      (err: unknown) => {
        if (!isStoreUnavailable(err)) throw err;
        if (!away) log.warn(`sign-in throttle: Redis cannot be reached (${(err as Error).message}); counting in this process meanwhile`);
        away = true;
        return call(local);
      },
    );
  return {
    read: (keys, now) => either((store) => store.read(keys, now)),
    fail: (keys, now, ttlMs) => either((store) => store.fail(keys, now, ttlMs)),
    clear: (keys) => either((store) => store.clear(keys)),
  };
}
