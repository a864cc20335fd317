// The log of recent requests (UsageLog), newest first, a page at a time.
import { prisma } from "../db";
import { keyNames } from "../keys/list";

const PAGE_SIZE = 25;

export type RequestRow = {
  requestId: string;
  createdAt: Date;
  model: string;
  keyName: string;
  promptTokens: number;
  completionTokens: number;
  cost: bigint;
  latencyMs: number;
  status: string;
  estimated: boolean;
};

export type RequestPage = { rows: RequestRow[]; page: number; pages: number; total: number };

/** Page `page` (1-based) of a user's requests since `since`, optionally for one key. */
export async function recentRequests(userId: string, opts: { page: number; since: Date; keyId?: string }): Promise<RequestPage> {
  const db = prisma();
  const where = { userId, createdAt: { gte: opts.since }, ...(opts.keyId ? { apiKeyId: opts.keyId } : {}) };
  const total = await db.usageLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page) || 1), pages);
  const [rows, names] = await Promise.all([
    db.usageLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    keyNames(userId),
  ]);
  return {
    page,
    pages,
    total,
    rows: rows.map((r) => ({
      requestId: r.requestId,
      createdAt: r.createdAt,
      model: r.model,
      keyName: names.get(r.apiKeyId) ?? "Deleted key",
      promptTokens: r.promptTokens,
      completionTokens: r.completionTokens,
      cost: r.cost,
      latencyMs: r.latencyMs,
      status: r.status,
      estimated: r.estimated,
    })),
  };
}
