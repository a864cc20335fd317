// API keys: create, rotate, revoke. The full key leaves this module once, on creation.
import { pool, prisma } from "../db";
import { limitsFor } from "../limits/plans";
import { displayPrefix, generateKey, hashKey } from "./secret";
import { forgetKey, forgetUserKeys } from "./lookup";
import { PLAYGROUND_PREFIX } from "./playground";
import { NO_CONTROLS, type KeyControlsInput } from "./controls";
import { periodStart, periodStartSql } from "./spend-period";

/** The user's keys that are theirs to count, rotate and revoke: live, not the playground's. */
export const ownKeys = (userId: string) => ({ userId, revokedAt: null, NOT: { prefix: PLAYGROUND_PREFIX } });

export class KeyLimitError extends Error {
  constructor(public readonly max: number) {
    super(`Your plan allows ${max} live API keys. Revoke one or upgrade your plan to create more.`);
  }
}

export type CreatedKey = { id: string; name: string; key: string; prefix: string; createdAt: Date };

/** Create a key for a user, within the plan's cap on live keys, with its controls (none by default). */
export async function createApiKey(userId: string, name: string, controls: KeyControlsInput = NO_CONTROLS): Promise<CreatedKey> {
  const db = prisma();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const live = await db.apiKey.count({ where: ownKeys(userId) });
  const { maxKeys } = limitsFor(user);
  if (live >= maxKeys) throw new KeyLimitError(maxKeys);
  const key = generateKey();
  const row = await db.apiKey.create({
    data: {
      userId, name: name.trim() || "Default key", hash: hashKey(key), prefix: displayPrefix(key), ...controls,
      spentSince: periodStart(controls.spendPeriod ?? "TOTAL", new Date()),
    },
  });
  return { id: row.id, name: row.name, key, prefix: row.prefix, createdAt: row.createdAt };
}

/**
 * Replace a live key's controls; every instance sees them on the key's next request. The
 * spend counter restarts in the new period from the key's daily usage (UTC days, as settled).
 * False when it is not the user's live key.
 */
export async function setKeyControls(userId: string, keyId: string, controls: KeyControlsInput): Promise<boolean> {
  const { rows } = await pool().query<{ hash: string }>(
    `UPDATE "ApiKey" SET "spendLimit" = $3, "spendPeriod" = $4::"SpendPeriod", "expiresAt" = $5::timestamptz AT TIME ZONE 'UTC', "allowedModels" = $6, "allowedIps" = $7,
       spent = coalesce((SELECT sum(cost) FROM "UsageDaily" d
                         WHERE d."userId" = $1 AND d."apiKeyId" = $2 AND d.day >= ${periodStartSql('$4::"SpendPeriod"')}::date), 0),
       "spentSince" = ${periodStartSql('$4::"SpendPeriod"')}
     WHERE id = $2 AND "userId" = $1 AND "revokedAt" IS NULL AND prefix <> $8
     RETURNING hash`,
    [userId, keyId, controls.spendLimit?.toString() ?? null, controls.spendPeriod, controls.expiresAt?.toISOString() ?? null, controls.allowedModels, controls.allowedIps, PLAYGROUND_PREFIX],
  );
  if (!rows.length) return false;
  await forgetKey(rows[0].hash);
  return true;
}

/** Give a key a new secret; the old secret stops working at once. Null when not the user's live key. */
export async function rotateApiKey(userId: string, keyId: string): Promise<CreatedKey | null> {
  const db = prisma();
  const existing = await db.apiKey.findFirst({ where: { id: keyId, ...ownKeys(userId) } });
  if (!existing) return null;
  const key = generateKey();
  const row = await db.apiKey.update({ where: { id: keyId }, data: { hash: hashKey(key), prefix: displayPrefix(key) } });
  await forgetKey(existing.hash);
  return { id: row.id, name: row.name, key, prefix: row.prefix, createdAt: row.createdAt };
}

/** Revoke a key. False when it is not the user's live key. */
export async function revokeApiKey(userId: string, keyId: string): Promise<boolean> {
  const db = prisma();
  const existing = await db.apiKey.findFirst({ where: { id: keyId, ...ownKeys(userId) } });
  if (!existing) return false;
  await db.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
  await forgetKey(existing.hash);
  return true;
}

/** Call after an account's plan or limits change, so the next request sees them. */
export async function accountChanged(userId: string): Promise<void> {
  await forgetUserKeys(userId);
}
