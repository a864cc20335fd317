// Key lookup on the /v1 hot path: SHA-256, then a short-lived in-process cache
// shared by every bundle in the process (globalThis), then one indexed query.
import { prisma } from "../db";
import { limitsFor, type PlanLimits } from "../limits/plans";
import type { Plan } from "../generated/prisma/enums";
import { hashKey, KEY_PATTERN } from "./secret";
import { announceKeyChange, listenForKeyChanges, type ForgetMessage } from "./invalidation";

export type KeyIdentity = { keyId: string; userId: string; plan: Plan; limits: PlanLimits };

/** `userId` is kept for refused keys too, so reinstating an account drops its cached refusals. */
type Entry = { identity: KeyIdentity | null; userId: string | null; expires: number };
const CACHE_TTL_MS = 5_000;
const STALE_RETRY_MS = 1_000;
const MAX_ENTRIES = 50_000;

const globalForKeys = globalThis as unknown as { __sibKeyCache?: Map<string, Entry> };
const cache = (globalForKeys.__sibKeyCache ??= new Map());

async function load(hash: string): Promise<Omit<Entry, "expires">> {
  const row = await prisma().apiKey.findUnique({ where: { hash }, include: { user: true } });
  if (!row) return { identity: null, userId: null };
  const refused = row.revokedAt || row.user.deletedAt || row.user.suspendedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now());
  if (refused) return { identity: null, userId: row.userId };
  return { identity: { keyId: row.id, userId: row.userId, plan: row.user.plan, limits: limitsFor(row.user) }, userId: row.userId };
}

function dropLocally(message: ForgetMessage): void {
  if ("hash" in message) cache.delete(message.hash);
  else for (const [hash, entry] of cache) if (entry.userId === message.userId) cache.delete(hash);
}

/** The identity behind a bearer key, or null for a malformed, unknown, revoked or expired one, or a suspended account's. */
export async function lookupKey(key: string): Promise<KeyIdentity | null> {
  if (!KEY_PATTERN.test(key)) return null;
  listenForKeyChanges(dropLocally);
  const hash = hashKey(key);
  const now = Date.now();
  const hit = cache.get(hash);
  if (hit && hit.expires > now) return hit.identity;
  let loaded: Omit<Entry, "expires">;
  try {
    loaded = await load(hash);
  } catch (err) {
    // The database is unreachable (a restart): a key we knew keeps working on its last known state.
    if (!hit) throw err;
    hit.expires = now + STALE_RETRY_MS;
    return hit.identity;
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(hash, { ...loaded, expires: now + CACHE_TTL_MS });
  return loaded.identity;
}

/** Drop one key from every instance's cache (rotate, revoke). */
export async function forgetKey(hash: string): Promise<void> {
  dropLocally({ hash });
  await announceKeyChange({ hash }, dropLocally);
}

/** Drop every cached key of a user on every instance (plan change, suspension, account deletion). */
export async function forgetUserKeys(userId: string): Promise<void> {
  dropLocally({ userId });
  await announceKeyChange({ userId }, dropLocally);
}
