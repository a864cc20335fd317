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

/** Take a lease for `requestId` unless `max` unexpired leases are held. True when taken. */
export async function acquireLease(client: ScriptClient, key: string, requestId: string, max: number, ttlMs: number, now: number): Promise<boolean> {
  const taken = await runScript<number>(client, ACQUIRE, ACQUIRE_SHA, [key], [now, now + ttlMs, requestId, max, ttlMs]);
  return Number(taken) === 1;
}

/** Give a lease back (a no-op when it already expired or was released). */
export async function releaseLease(client: ScriptClient, key: string, requestId: string): Promise<void> {
  await runScript<number>(client, RELEASE, RELEASE_SHA, [key], [requestId]);
}
