// Key lookup on the /v1 hot path: SHA-256, then an in-process cache shared by every bundle in
// the process (globalThis), then one indexed query. Changes to a key or its account are announced
// to every instance (invalidation.ts), which drops the entry at once; besides, an entry older than
// CACHE_TTL_MS is refreshed — in the background, while the request it came for goes on with it.
import type net from "node:net";
import { boundedQuery } from "../db";
import { parseAddressList } from "../client-address";
import { limitsFor, type PlanLimits } from "../limits/plans";
import type { Plan } from "../generated/prisma/enums";
import { hashKey, KEY_PATTERN } from "./secret";
import { announceKeyChange, listenForKeyChanges, type ForgetMessage } from "./invalidation";

import type { SpendLimit } from "./spend-period";

/** What the key's owner allows it (lib/gateway/key-controls.ts enforces them). */
export type KeyControls = {
  /** Shown in refusals, so the owner finds the key in the dashboard. */
  name: string;
  /** Unix ms; the key is refused from then on. */
  expiresAt: number | null;
  /** Catalog model ids it may call; null: every model. */
  allowedModels: ReadonlySet<string> | null;
  /** Client addresses and CIDR ranges it may be used from; null: anywhere. */
  allowedIps: net.BlockList | null;
  spendLimit: SpendLimit | null;
};

export type KeyIdentity = { keyId: string; userId: string; plan: Plan; limits: PlanLimits; controls: KeyControls };

type ControlColumns = { name: string; expiresAt: Date | null; allowedModels: string[]; allowedIps: string[]; spendLimit: bigint | null; spendPeriod: SpendLimit["period"] | null };

/** A key row's controls, parsed once per cache fill. */
export function keyControls(row: ControlColumns): KeyControls {
  return {
    name: row.name,
    expiresAt: row.expiresAt?.getTime() ?? null,
    allowedModels: row.allowedModels.length ? new Set(row.allowedModels) : null,
    allowedIps: row.allowedIps.length ? parseAddressList(row.allowedIps.join(",")) : null,
    spendLimit: row.spendLimit !== null && row.spendPeriod ? { amount: row.spendLimit, period: row.spendPeriod } : null,
  };
}

/** `userId` is kept for refused keys too, so reinstating an account drops its cached refusals. */
type Entry = { identity: KeyIdentity | null; userId: string | null; expires: number; refreshing?: boolean };
const CACHE_TTL_MS = 5_000;
/** After a failed refresh, the known entry serves this long before the next try. */
const STALE_RETRY_MS = 1_000;
const MAX_ENTRIES = 50_000;

const globalForKeys = globalThis as unknown as { __sibKeyCache?: Map<string, Entry> };
const cache = (globalForKeys.__sibKeyCache ??= new Map());

type KeyRow = Omit<ControlColumns, "spendLimit"> & {
  id: string; userId: string; revokedAt: Date | null; spendLimitText: string | null;
  user: { plan: Plan; deletedAt: Date | null; suspendedAt: Date | null; customRpm: number | null; customTpm: number | null; customConcurrent: number | null; customMaxKeys: number | null };
};

async function load(hash: string): Promise<Omit<Entry, "expires">> {
  const { rows } = await boundedQuery<KeyRow>(
    `SELECT k.id, k."userId", k.name, k."expiresAt", k."allowedModels", k."allowedIps", k."spendLimit"::text AS "spendLimitText", k."spendPeriod", k."revokedAt",
            json_build_object('plan', u.plan, 'deletedAt', u."deletedAt", 'suspendedAt', u."suspendedAt", 'customRpm', u."customRpm",
                              'customTpm', u."customTpm", 'customConcurrent', u."customConcurrent", 'customMaxKeys', u."customMaxKeys") AS "user"
     FROM "ApiKey" k JOIN "User" u ON u.id = k."userId" WHERE k.hash = $1`,
    [hash],
  );
  const row = rows[0];
  if (!row) return { identity: null, userId: null };
  // An expired key keeps its identity: the gateway refuses it with the date (key-controls.ts).
  const refused = row.revokedAt || row.user.deletedAt || row.user.suspendedAt;
  if (refused) return { identity: null, userId: row.userId };
  const controls = keyControls({ ...row, spendLimit: row.spendLimitText === null ? null : BigInt(row.spendLimitText) });
  const identity = { keyId: row.id, userId: row.userId, plan: row.user.plan, limits: limitsFor(row.user), controls };
  return { identity, userId: row.userId };
}

function dropLocally(message: ForgetMessage): void {
  if ("hash" in message) cache.delete(message.hash);
  else for (const [hash, entry] of cache) if (entry.userId === message.userId) cache.delete(hash);
}

/** Well-formed keys seen lately and their SHA-256: hashing is a measurable share of a request's CPU. */
const hashes = new Map<string, string>();

/** A well-formed key's stored form (remembered), or null for a malformed one. */
function storedForm(key: string): string | null {
  if (!KEY_PATTERN.test(key)) return null;
  const hash = hashKey(key);
  if (hashes.size >= MAX_ENTRIES) hashes.clear();
  hashes.set(key, hash);
  return hash;
}

/** The identity behind a bearer key, or null for a malformed, unknown or revoked one, or a suspended account's. */
export async function lookupKey(key: string): Promise<KeyIdentity | null> {
  const hash = hashes.get(key) ?? storedForm(key);
  if (hash === null) return null;
  listenForKeyChanges(dropLocally);
  const now = Date.now();
  const hit = cache.get(hash);
  if (hit && hit.expires > now) return hit.identity;
  if (hit) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      void refresh(hash, hit, now);
    }
    return hit.identity;
  }
  const loaded = await load(hash);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(hash, { ...loaded, expires: now + CACHE_TTL_MS });
  return loaded.identity;
}

/** Reload an expired entry; with the database unreachable (a restart), a key we knew keeps working on its last known state. */
async function refresh(hash: string, stale: Entry, now: number): Promise<void> {
  try {
    const loaded = await load(hash);
    // Dropped (an announced change) meanwhile: the next request loads it afresh.
    if (cache.get(hash) === stale) cache.set(hash, { ...loaded, expires: now + CACHE_TTL_MS });
  } catch {
    stale.expires = now + STALE_RETRY_MS;
    stale.refreshing = false;
  }
}

/** Drop one key from every instance's cache (rotate, revoke, a change of its controls). */
export async function forgetKey(hash: string): Promise<void> {
  dropLocally({ hash });
  await announceKeyChange({ hash }, dropLocally);
}

/** Drop every cached key of a user on every instance (plan change, suspension, account deletion). */
export async function forgetUserKeys(userId: string): Promise<void> {
  dropLocally({ userId });
  await announceKeyChange({ userId }, dropLocally);
}
