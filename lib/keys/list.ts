// API keys as the dashboard shows them: never the secret, never the playground's row.
import { prisma } from "../db";
import { ownKeys } from "./store";

export type KeyRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null };

/** A user's live keys, newest first. */
export async function listKeys(userId: string): Promise<KeyRow[]> {
  return prisma().apiKey.findMany({
    where: ownKeys(userId),
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

/** One of the user's live keys, or null (also for another user's key id). */
export async function findUserKey(userId: string, keyId: string): Promise<KeyRow | null> {
  return prisma().apiKey.findFirst({
    where: { id: keyId, ...ownKeys(userId) },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
}

/** Names of every key a user has had (revoked and playground included), for usage labels. */
export async function keyNames(userId: string): Promise<Map<string, string>> {
  const rows = await prisma().apiKey.findMany({ where: { userId }, select: { id: true, name: true, revokedAt: true } });
  return new Map(rows.map((r) => [r.id, r.revokedAt ? `${r.name} (revoked)` : r.name]));
}
