// A request on the shared store, in two scripts. Its admission: count it against the minute's
// requests, read the minute's tokens, and take a concurrency lease — a request refused for its
// tokens or for concurrency is not counted, and nothing is leased for a refused one. Its end: the
// lease back and its tokens counted. The counters are fixed one-minute windows
// (`<prefix>:rpm|tpm:<key>:<window index>`, expiring with the window); a key's lease set holds
// requestId → expiry, expired ones pruned on every admission (a crashed process holds none for long).
import { runScript, scriptSha, type ScriptClient } from "./scripts";
import type { PlanLimits } from "./plans";
import { WINDOW_MS } from "./window";

const ADMIT = `
local before = redis.call('INCR', KEYS[1])
if before == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
local tokens = tonumber(redis.call('GET', KEYS[2]) or '0')
if before > tonumber(ARGV[1]) then return {before, before, tokens, 0} end
local leased = 0
if tokens < tonumber(ARGV[2]) then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[4])
  if redis.call('ZCARD', KEYS[3]) < tonumber(ARGV[7]) then
    redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6])
    redis.call('PEXPIRE', KEYS[3], ARGV[8])
    leased = 1
  end
end
local after = before
if leased == 0 then after = redis.call('DECR', KEYS[1]) end
return {before, after, tokens, leased}
`;
const ADMIT_SHA = scriptSha(ADMIT);

const FINISH = `
redis.call('ZREM', KEYS[1], ARGV[1])
local tokens = tonumber(ARGV[2])
if tokens > 0 and redis.call('INCRBY', KEYS[2], tokens) == tokens then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
return 1
`;
const FINISH_SHA = scriptSha(FINISH);

/** What an admission counted: the minute's requests with this one (before a refund) and after, the minute's tokens, whether a lease was taken. */
export type Counted = { requestsBefore: number; requests: number; tokens: number; leased: boolean };

/** Load both scripts into the store, so their first use is one EVALSHA too (a request's end is then never a second round trip). */
export async function loadScripts(client: ScriptClient): Promise<void> {
  await Promise.all([client.scriptLoad(ADMIT), client.scriptLoad(FINISH)]);
}

/** Run the admission script for one request. */
export async function admitScript(
  client: ScriptClient, keys: { requests: string; tokens: string; lease: string }, limits: PlanLimits, requestId: string, now: number, leaseTtlMs: number,
): Promise<Counted> {
  const [before, after, tokens, leased] = await runScript<number[]>(client, ADMIT, ADMIT_SHA, [keys.requests, keys.tokens, keys.lease], [
    limits.rpm, limits.tpm, WINDOW_MS, now, now + leaseTtlMs, requestId, limits.concurrent, leaseTtlMs,
  ]);
  return { requestsBefore: Number(before), requests: Number(after), tokens: Number(tokens), leased: Number(leased) === 1 };
}

/** End a request: its lease back, and `tokens` added to the minute's tokens counter. */
export async function finishScript(client: ScriptClient, keys: { tokens: string; lease: string }, requestId: string, tokens: number): Promise<void> {
  await runScript<number>(client, FINISH, FINISH_SHA, [keys.lease, keys.tokens], [requestId, tokens, WINDOW_MS]);
}
