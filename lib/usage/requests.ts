// The request log (UsageLog): every authenticated request, billed or failed, newest first,
// filtered and paged by keyset (createdAt, id) so a busy account pages as fast as a quiet one.
import { prisma } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { keyNames } from "../keys/list";

const PAGE_SIZE = 25;

export type RequestRow = {
  requestId: string;
  createdAt: Date;
  model: string;
  /** The API the request came through: chat | messages. */
  api: string;
  keyName: string;
  promptTokens: number;
  completionTokens: number;
  cost: bigint;
  latencyMs: number;
  status: string;
  httpStatus: number;
  errorCode: string | null;
  estimated: boolean;
};

export type RequestFilter = {
  keyId?: string;
  model?: string;
  /** "ok": answered; "failed": anything else. */
  outcome?: "ok" | "failed";
  since?: Date;
  /** Exclusive upper bound. */
  until?: Date;
  /** An exact X-Request-Id. */
  requestId?: string;
};

export type RequestPage = { rows: RequestRow[]; next: string | null };

/** "<createdAt ms>.<id>" of a row: where the next page starts. */
function encodeCursor(row: { createdAt: Date; id: bigint }): string {
  return `${row.createdAt.getTime()}.${row.id}`;
}

function decodeCursor(cursor: string | undefined): { at: Date; id: bigint } | null {
  const match = /^(\d{1,15})\.(\d{1,19})$/.exec(cursor ?? "");
  return match ? { at: new Date(Number(match[1])), id: BigInt(match[2]) } : null;
}

function whereOf(userId: string, filter: RequestFilter, cursor: string | undefined): Prisma.UsageLogWhereInput {
  const after = decodeCursor(cursor);
  const and: Prisma.UsageLogWhereInput[] = [{ userId }];
  if (filter.requestId) and.push({ requestId: filter.requestId });
  if (filter.keyId) and.push({ apiKeyId: filter.keyId });
  if (filter.model) and.push({ model: filter.model });
  if (filter.outcome) and.push(filter.outcome === "ok" ? { status: "ok" } : { status: { not: "ok" } });
  if (filter.since) and.push({ createdAt: { gte: filter.since } });
  if (filter.until) and.push({ createdAt: { lt: filter.until } });
  if (after) and.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
  return { AND: and };
}

/** One page of a user's requests matching `filter`, starting after `cursor` (from a previous page's `next`). */
export async function requestLog(userId: string, filter: RequestFilter, cursor?: string, pageSize = PAGE_SIZE): Promise<RequestPage> {
  const [rows, names] = await Promise.all([
    prisma().usageLog.findMany({ where: whereOf(userId, filter, cursor), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: pageSize + 1 }),
    keyNames(userId),
  ]);
  const page = rows.slice(0, pageSize);
  return {
    next: rows.length > pageSize ? encodeCursor(page[page.length - 1]) : null,
    rows: page.map((r) => ({
      requestId: r.requestId,
      createdAt: r.createdAt,
      model: r.model,
      api: r.api,
      keyName: names.get(r.apiKeyId) ?? "Deleted key",
      promptTokens: r.promptTokens,
      completionTokens: r.completionTokens,
      cost: r.cost,
      latencyMs: r.latencyMs,
      status: r.status,
      httpStatus: r.httpStatus,
      errorCode: r.errorCode,
      estimated: r.estimated,
    })),
  };
}

/** The models that appear in a user's log, for the filter's choices. */
export async function loggedModels(userId: string): Promise<string[]> {
  const rows = await prisma().usageLog.findMany({ where: { userId, model: { not: "" } }, distinct: ["model"], select: { model: true }, orderBy: { model: "asc" } });
  return rows.map((r) => r.model);
}
