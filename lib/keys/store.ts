// API keys: create, rotate, revoke. The full key leaves this module once, on creation.
import { prisma } from "../db";
import { limitsFor } from "../limits/plans";
import { displayPrefix, generateKey, hashKey } from "./secret";
import { forgetKey, forgetUserKeys } from "./lookup";
import { PLAYGROUND_PREFIX } from "./playground";

/** The user's keys that are theirs to count, rotate and revoke: live, not the playground's. */
export const ownKeys = (userId: string) => ({ userId, revokedAt: null, NOT: { prefix: PLAYGROUND_PREFIX } });

export class KeyLimitError extends Error {
  constructor(public readonly max: number) {
    super(`Your plan allows ${max} live API keys. Revoke one or upgrade your plan to create more.`);
  }
}

export type CreatedKey = { id: string; name: string; key: string; prefix: string; createdAt: Date };

/** Create a key for a user, within the plan's cap on live keys. */
export async function createApiKey(userId: string, name: string): Promise<CreatedKey> {
  const db = prisma();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const live = await db.apiKey.count({ where: ownKeys(userId) });
  const { maxKeys } = limitsFor(user);
  if (live >= maxKeys) throw new KeyLimitError(maxKeys);
  const key = generateKey();
  const row = await db.apiKey.create({
    data: { userId, name: name.trim() || "Default key", hash: hashKey(key), prefix: displayPrefix(key) },
  });
  return { id: row.id, name: row.name, key, prefix: row.prefix, createdAt: row.createdAt };
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
