// The dashboard playground's own key row: it bills like any key, but its secret is
// random and discarded, so it can never be used from outside, and it is not listed or capped.
import { randomBytes } from "node:crypto";
import { prisma } from "../db";
import { limitsFor } from "../limits/plans";
import { keyControls, type KeyIdentity } from "./lookup";
import { hashKey } from "./secret";

/** The display prefix that marks a playground key (no real key can have it). */
export const PLAYGROUND_PREFIX = "playground";

/** The identity the playground calls /v1 with, creating its key row on first use. Null for a deleted account. */
export async function playgroundIdentity(userId: string): Promise<KeyIdentity | null> {
  const db = prisma();
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.deletedAt) return null;
  const existing = await db.apiKey.findFirst({ where: { userId, prefix: PLAYGROUND_PREFIX, revokedAt: null } });
  const key = existing ?? (await db.apiKey.create({
    data: { userId, name: "Playground", prefix: PLAYGROUND_PREFIX, hash: hashKey(`discarded-${randomBytes(32).toString("hex")}`) },
  }));
  return { keyId: key.id, userId, plan: user.plan, limits: limitsFor(user), controls: keyControls(key) };
}
