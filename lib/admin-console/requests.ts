// The whole install's request log for operators: filtered, newest first, by keyset (never OFFSET).
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../db";

export type RequestFilter = {
  requestId?: string;
  userId?: string;
  keyId?: string;
  model?: string;
  channel?: string;
  /** ok | error (anything else than ok) | one stored status */
  status?: string;
  since?: Date;
  until?: Date;
};

function where(filter: RequestFilter): Prisma.UsageLogWhereInput {
  const createdAt = filter.since || filter.until ? { ...(filter.since && { gte: filter.since }), ...(filter.until && { lt: filter.until }) } : undefined;
  const status = filter.status === "error" ? { not: "ok" } : filter.status || undefined;
  return {
    ...(filter.requestId && { requestId: filter.requestId }),
    ...(filter.userId && { userId: filter.userId }),
    ...(filter.keyId && { apiKeyId: filter.keyId }),
    ...(filter.model && { model: filter.model }),
    ...(filter.channel && { channel: filter.channel }),
    ...(status && { status }),
    ...(createdAt && { createdAt }),
  };
}

/** One page of requests matching `filter`, newest first; `before` is the previous page's `next` (a row id). */
export async function requestPage(filter: RequestFilter, before: bigint | null = null, size = 50) {
  const rows = await prisma().usageLog.findMany({
    where: { ...where(filter), ...(before !== null && { id: { lt: before } }) },
    orderBy: { id: "desc" },
    take: size + 1,
    include: { user: { select: { email: true } }, apiKey: { select: { name: true, prefix: true } } },
  });
  const shown = rows.slice(0, size);
  return { rows: shown, next: rows.length > size ? shown[shown.length - 1].id : null };
}

/** One request by its id, with its account and key. */
export async function requestDetail(requestId: string) {
  return prisma().usageLog.findUnique({
    where: { requestId },
    include: { user: { select: { id: true, email: true } }, apiKey: { select: { id: true, name: true, prefix: true } } },
  });
}
