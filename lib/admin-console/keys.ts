// Finding and revoking API keys by what an operator can see of them: "sib-…a1b2", or the whole key.
import { prisma } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record";
import { forgetKey } from "../keys/lookup";
import { hashKey, KEY_PATTERN } from "../keys/secret";

/** "sib-…a1b2", "sib-...a1b2", "…a1b2" or "a1b2" as the stored display prefix; null if it is none of these. */
export function normalisePrefix(input: string): string | null {
  const match = /^(?:sib-)?(?:…|\.\.\.)?([0-9A-Za-z]{4})$/.exec(input.trim());
  return match ? `sib-…${match[1]}` : null;
}

/** The keys (live or not) an operator's search term names: a whole key by its hash, else by display prefix. */
export async function keysMatching(term: string, take = 50) {
  const text = term.trim();
  if (KEY_PATTERN.test(text)) return prisma().apiKey.findMany({ where: { hash: hashKey(text) }, include: { user: true } });
  const prefix = normalisePrefix(text);
  if (!prefix) return [];
  return prisma().apiKey.findMany({ where: { prefix }, include: { user: true }, orderBy: { createdAt: "desc" }, take });
}

export class AmbiguousKeyError extends Error {}

/** Revoke the one live key a prefix names; refuses none or several (the message lists them). */
export async function revokeKeyByPrefix(actor: Actor, term: string, reason?: string) {
  const live = (await keysMatching(term)).filter((k) => !k.revokedAt);
  if (live.length === 0) throw new AmbiguousKeyError(`No live key matches "${term}".`);
  if (live.length > 1) {
    throw new AmbiguousKeyError(`${live.length} live keys match "${term}": ${live.map((k) => `${k.id} (${k.user.email})`).join(", ")}. Give the whole key.`);
  }
  const [key] = live;
  const revokedAt = new Date();
  await prisma().apiKey.update({ where: { id: key.id }, data: { revokedAt } });
  await forgetKey(key.hash);
  await recordAudit({ actor, action: "key.revoke", targetType: "key", targetId: key.id, reason, before: { revokedAt: null, userId: key.userId }, after: { revokedAt } });
  return { id: key.id, prefix: key.prefix, email: key.user.email };
}
