// API keys as the dashboard shows them: never the secret, never the playground's row.
import { prisma } from "../db";
import type { SpendPeriod } from "../generated/prisma/enums";
import { ownKeys } from "./store";
import { spentThisPeriod } from "./spend-period";

/** A key's controls as its forms show them (safe to pass to client components: no BigInt). */
export type KeyControlsView = {
  /** The limit in nano-dollars, as a decimal string; null: none. */
  spendLimit: string | null;
  spendPeriod: SpendPeriod | null;
  /** What the key has spent in its current period, nano-dollars as a decimal string. */
  spent: string;
  expiresAt: Date | null;
  allowedModels: string[];
  allowedIps: string[];
};

export type KeyRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; controls: KeyControlsView };

const columns = {
  id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true,
  expiresAt: true, allowedModels: true, allowedIps: true, spendLimit: true, spendPeriod: true, spent: true, spentSince: true,
} as const;

type Selected = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; allowedModels: string[]; allowedIps: string[]; spendLimit: bigint | null; spendPeriod: SpendPeriod | null; spent: bigint; spentSince: Date };

function row(key: Selected, now: Date): KeyRow {
  return {
    id: key.id, name: key.name, prefix: key.prefix, createdAt: key.createdAt, lastUsedAt: key.lastUsedAt,
    controls: {
      spendLimit: key.spendLimit?.toString() ?? null, spendPeriod: key.spendPeriod, spent: spentThisPeriod(key, now).toString(),
      expiresAt: key.expiresAt, allowedModels: key.allowedModels, allowedIps: key.allowedIps,
    },
  };
}

/** A user's live keys, newest first. */
export async function listKeys(userId: string): Promise<KeyRow[]> {
  const keys = await prisma().apiKey.findMany({ where: ownKeys(userId), orderBy: { createdAt: "desc" }, select: columns });
  const now = new Date();
  return keys.map((key) => row(key, now));
}

/** One of the user's live keys, or null (also for another user's key id). */
export async function findUserKey(userId: string, keyId: string): Promise<KeyRow | null> {
  const key = await prisma().apiKey.findFirst({ where: { id: keyId, ...ownKeys(userId) }, select: columns });
  return key ? row(key, new Date()) : null;
}

/** Names of every key a user has had (revoked and playground included), for usage labels. */
export async function keyNames(userId: string): Promise<Map<string, string>> {
  const rows = await prisma().apiKey.findMany({ where: { userId }, select: { id: true, name: true, revokedAt: true } });
  return new Map(rows.map((r) => [r.id, r.revokedAt ? `${r.name} (revoked)` : r.name]));
}
