// Concurrency leases on Redis: per key, a sorted set of requestId -> expiry (Unix ms).
// Expired leases are pruned on every acquire, so a crashed process holds none for long.
import { runScript, scriptSha, type ScriptClient } from "./scripts";

const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`;
const ACQUIRE_SHA = scriptSha(ACQUIRE);

const RELEASE = `return redis.call('ZREM', KEYS[1], ARGV[1])`;
const RELEASE_SHA = scriptSha(RELEASE);

// The lease's end and the request's tokens in one command: KEYS[2] is the tokens/minute counter,
// counted as @upstash/ratelimit's fixed window counts (INCRBY; the window's expiry set by the first).
const FINISH = `
redis.call('ZREM', KEYS[1], ARGV[1])
local tokens = tonumber(ARGV[2])
if tokens > 0 and redis.call('INCRBY', KEYS[2], tokens) == tokens then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
return 1
`;
const FINISH_SHA = scriptSha(FINISH);

/** Take a lease for `requestId` unless `max` unexpired leases are held. True when taken. */
export async function acquireLease(client: ScriptClient, key: string, requestId: string, max: number, ttlMs: number, now: number): Promise<boolean> {
  const taken = await runScript<number>(client, ACQUIRE, ACQUIRE_SHA, [key], [now, now + ttlMs, requestId, max, ttlMs]);
  return Number(taken) === 1;
}

/** Give a lease back (a no-op when it already expired or was released). */
export async function releaseLease(client: ScriptClient, key: string, requestId: string): Promise<void> {
  await runScript<number>(client, RELEASE, RELEASE_SHA, [key], [requestId]);
}

/** End a lease and add `tokens` to the fixed-window counter `tokenKey` (of `windowMs`), in one round trip. */
export async function finishLease(client: ScriptClient, key: string, requestId: string, tokenKey: string, tokens: number, windowMs: number): Promise<void> {
  await runScript<number>(client, FINISH, FINISH_SHA, [key, tokenKey], [requestId, tokens, windowMs]);
}
