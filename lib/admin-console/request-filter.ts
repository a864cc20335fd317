// The request log's filters as the page's URL carries them, resolved to ids (e-mail → account, sib-…a1b2 → key).
import { prisma } from "../db";
import { keysMatching } from "./keys";
import type { RequestFilter } from "./requests";
import { utcDay } from "./audit-filter";

export type RequestSearch = { id?: string; account?: string; key?: string; model?: string; channel?: string; status?: string; from?: string; to?: string; before?: string };

/** The filter the search names, or a problem to show (an unknown account or an ambiguous key). */
export async function resolveRequestSearch(search: RequestSearch): Promise<{ filter: RequestFilter; problem?: string }> {
  const filter: RequestFilter = {
    requestId: search.id?.trim() || undefined,
    model: search.model?.trim() || undefined,
    channel: search.channel?.trim() || undefined,
    status: search.status?.trim() || undefined,
    since: utcDay(search.from),
    until: utcDay(search.to, 1),
  };
  const account = search.account?.trim();
  if (account) {
    const user = await prisma().user.findFirst({ where: account.includes("@") ? { email: account.toLowerCase() } : { id: account }, select: { id: true } });
    if (!user) return { filter, problem: `No account "${account}".` };
    filter.userId = user.id;
  }
  const key = search.key?.trim();
  if (key) {
    const byId = await prisma().apiKey.findUnique({ where: { id: key }, select: { id: true } });
    const matches = byId ? [byId] : await keysMatching(key);
    if (matches.length !== 1) return { filter, problem: matches.length ? `${matches.length} keys match "${key}": filter by account too, or use the key's id.` : `No key "${key}".` };
    filter.keyId = matches[0].id;
  }
  return { filter };
}

/** The cursor from ?before=, or null. */
export function parseCursor(value: string | undefined): bigint | null {
  return value && /^\d{1,19}$/.test(value) ? BigInt(value) : null;
}
