// A request on the shared store, in two scripts. Its admission: count it against the minute's
// requests, read the minute's tokens, and take a concurrency lease (saying how many are in flight) —
// a request refused for its tokens or for concurrency is not counted, and nothing is leased for a refused one. Its end: the
// lease back and its tokens counted. The counters are fixed one-minute windows
// (`<prefix>:rpm|tpm:<key>:<window index>`, expiring with the window); a key's lease set holds
// requestId → expiry, expired ones pruned on every admission; a live process renews its requests'
// leases (RENEW), so a killed one's expire within the lease's time to live.
import { runScript, scriptSha, type ScriptClient } from "./scripts";
import type { PlanLimits } from "./plans";
import { WINDOW_MS } from "./window";

/** Lua: add ARGV[tokens] to the minute's tokens counter (KEYS[2]), which expires after ARGV[ttl] ms when this creates it. */
const countTokens = (tokens: number, ttl: number) =>
  `if tonumber(ARGV[${tokens}]) > 0 and redis.call('INCRBY', KEYS[2], ARGV[${tokens}]) == tonumber(ARGV[${tokens}]) then redis.call('PEXPIRE', KEYS[2], ARGV[${ttl}]) end`;

const ADMIT = `
${countTokens(9, 3)}
local before = redis.call('INCR', KEYS[1])
if before == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
local tokens = tonumber(redis.call('GET', KEYS[2]) or '0')
if before > tonumber(ARGV[1]) then return {before, before, tokens, 0, -1} end
local leased = 0
local inflight = -1
if tokens < tonumber(ARGV[2]) then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[4])
  inflight = redis.call('ZCARD', KEYS[3])
  if inflight < tonumber(ARGV[7]) then
    redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6])
    redis.call('PEXPIRE', KEYS[3], ARGV[8])
    leased = 1
    inflight = inflight + 1
  end
end
local after = before
if leased == 0 then after = redis.call('DECR', KEYS[1]) end
return {before, after, tokens, leased, inflight}
`;
const ADMIT_SHA = scriptSha(ADMIT);

const FINISH = `
redis.call('ZREM', KEYS[1], ARGV[1])
${countTokens(2, 3)}
return 1
`;
const FINISH_SHA = scriptSha(FINISH);

/** A key's counters in one minute, and its lease set. */
export type LimitKeys = { requests: string; tokens: string; lease: string };

/**
 * What an admission counted: the minute's requests with this one (before a refund) and after, the minute's tokens,
 * whether a lease was taken, and the key's requests in flight then, across instances (-1: not looked at).
 */
export type Counted = { requestsBefore: number; requests: number; tokens: number; leased: boolean; inFlight: number };

/** Load the scripts into the store, so their first use is one EVALSHA too (a request's end is then never a second round trip). */
export async function loadScripts(client: ScriptClient): Promise<void> {
  await Promise.all([ADMIT, FINISH, SLICE, GIVE_BACK, RENEW].map((script) => client.scriptLoad(script)));
}

/** Run the admission script for one request, counting first `tokens` this process's slice of the key has not counted yet. */
export async function admitScript(
  client: ScriptClient, keys: LimitKeys, limits: PlanLimits, requestId: string, now: number, leaseTtlMs: number, tokens = 0,
): Promise<Counted> {
  const [before, after, minuteTokens, leased, inFlight] = await runScript<number[]>(client, ADMIT, ADMIT_SHA, [keys.requests, keys.tokens, keys.lease], [
    limits.rpm, limits.tpm, WINDOW_MS, now, now + leaseTtlMs, requestId, limits.concurrent, leaseTtlMs, tokens,
  ]);
  return { requestsBefore: Number(before), requests: Number(after), tokens: Number(minuteTokens), leased: Number(leased) === 1, inFlight: Number(inFlight) };
}

/**
 * Push the expiry of leases still held (ARGV[3 + i]: KEYS[i]'s members, space-separated) to ARGV[1],
 * and their sets' to ARGV[2] ms from now; a lease already ended is not taken again.
 */
const RENEW = `
for i, key in ipairs(KEYS) do
  local renewed = 0
  for member in string.gmatch(ARGV[i + 2], '%S+') do renewed = renewed + redis.call('ZADD', key, 'XX', 'CH', ARGV[1], member) end
  if renewed > 0 then redis.call('PEXPIRE', key, ARGV[2]) end
end
return 1
`;
const RENEW_SHA = scriptSha(RENEW);

/** Renew the leases of requests still in flight, by lease set, until `expiresAt` (`ttlMs` from now). */
export async function renewScript(client: ScriptClient, members: Map<string, string[]>, expiresAt: number, ttlMs: number): Promise<void> {
  const keys = [...members.keys()];
  await runScript<number>(client, RENEW, RENEW_SHA, keys, [expiresAt, ttlMs, ...keys.map((key) => members.get(key)!.join(" "))]);
}

/** End a request: its lease back, and `tokens` added to the minute's tokens counter. */
export async function finishScript(client: ScriptClient, keys: { tokens: string; lease: string }, requestId: string, tokens: number): Promise<void> {
  await runScript<number>(client, FINISH, FINISH_SHA, [keys.lease, keys.tokens], [requestId, tokens, WINDOW_MS]);
}

// A process's slice of a busy key's limits (lib/limits/slices.ts): the tokens its requests used
// counted, requests counted ahead in this minute's counter — at most a quarter of what the minute
// has left — and concurrency slots held as lease members named `<prefix><n>` (n = 1…slots), taken
// only while more than SLICE_SPARE_SLOTS stay free for others; held ones are renewed. Returns what
// was granted, the minute's count after it, its tokens, and how many slots (1…n) the slice now holds.
const SLICE = `
${countTokens(11, 2)}
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local requests = math.min(tonumber(ARGV[5]), math.floor((tonumber(ARGV[1]) - count) / 4))
if requests > 0 then
  count = redis.call('INCRBY', KEYS[1], requests)
  if count == requests then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
else
  requests = 0
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[3])
local slots = 0
for n = 1, tonumber(ARGV[6]) do
  local member = ARGV[7] .. n
  if not redis.call('ZSCORE', KEYS[3], member) and tonumber(ARGV[8]) - redis.call('ZCARD', KEYS[3]) <= tonumber(ARGV[10]) then break end
  redis.call('ZADD', KEYS[3], ARGV[4], member)
  slots = n
end
if slots > 0 then redis.call('PEXPIRE', KEYS[3], ARGV[9]) end
return {requests, count, tonumber(redis.call('GET', KEYS[2]) or '0'), slots}
`;
const SLICE_SHA = scriptSha(SLICE);

/**
 * Give back (part of) a slice: unused requests of a minute still running, tokens to count, and slots `from`…`to`.
 * The requests only while the minute's count still holds them: a count below them was lost with the store's
 * data (a restart from an older snapshot, or none), and taking them off would take off what others counted since.
 */
const GIVE_BACK = `
if tonumber(ARGV[1]) > 0 and tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then redis.call('DECRBY', KEYS[1], ARGV[1]) end
${countTokens(2, 3)}
for n = tonumber(ARGV[5]), tonumber(ARGV[6]) do redis.call('ZREM', KEYS[3], ARGV[4] .. n) end
return 1
`;
const GIVE_BACK_SHA = scriptSha(GIVE_BACK);

/** Slots a slice leaves free for other processes' requests: it takes none when fewer would remain. */
export const SLICE_SPARE_SLOTS = 4;

/** What a slice statement granted (see SLICE). */
export type Granted = { requests: number; count: number; tokens: number; slots: number };

/** Count `tokens`, then take or renew a slice: up to `want.requests` more requests of this minute and `want.slots` slots in all, until `expiresAt`. */
export async function sliceScript(
  client: ScriptClient, keys: LimitKeys, limits: PlanLimits,
  want: { requests: number; slots: number; tokens: number }, member: string, now: number, expiresAt: number, leaseTtlMs: number,
): Promise<Granted> {
  const [requests, count, tokens, slots] = await runScript<number[]>(client, SLICE, SLICE_SHA, [keys.requests, keys.tokens, keys.lease], [
    limits.rpm, WINDOW_MS, now, expiresAt, want.requests, want.slots, member, limits.concurrent, leaseTtlMs, SLICE_SPARE_SLOTS, want.tokens,
  ]);
  return { requests: Number(requests), count: Number(count), tokens: Number(tokens), slots: Number(slots) };
}

/** Give back unused `requests` (of the minute `keys.requests` counts), count `tokens`, and drop slots `slots[0]`…`slots[1]`. */
export async function giveBackScript(
  client: ScriptClient, keys: LimitKeys, requests: number, tokens: number, member: string, slots: [number, number],
): Promise<void> {
  await runScript<number>(client, GIVE_BACK, GIVE_BACK_SHA, [keys.requests, keys.tokens, keys.lease], [requests, tokens, WINDOW_MS, member, slots[0], slots[1]]);
}
