// CSV export of a user's requests: streamed in batches, costs as exact decimal dollars.
import { prisma } from "../db";
import { keyNames } from "../keys/list";
import { formatUsd } from "../money";

const BATCH = 1000;
const HEADER = "time_utc,request_id,model,key,prompt_tokens,completion_tokens,total_tokens,cost_usd,latency_ms,status,estimated\n";

/** One CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function cell(value: string): string {
  return /[",\n\r]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV stream of the user's requests since `since` (oldest first), optionally for one key. */
export function usageCsv(userId: string, since: Date, keyId?: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: bigint | undefined;
  let names: Map<string, string> | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        names = await keyNames(userId);
        controller.enqueue(encoder.encode(HEADER));
        return;
      }
      const rows = await prisma().usageLog.findMany({
        where: { userId, createdAt: { gte: since }, ...(keyId ? { apiKeyId: keyId } : {}), ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: "asc" },
        take: BATCH,
      });
      if (rows.length === 0) return controller.close();
      cursor = rows[rows.length - 1].id;
      const text = rows
        .map((r) =>
          [
            r.createdAt.toISOString(), r.requestId, cell(r.model), cell(names?.get(r.apiKeyId) ?? "Deleted key"),
            r.promptTokens, r.completionTokens, r.promptTokens + r.completionTokens, formatUsd(r.cost, 9).replace("$", ""),
            r.latencyMs, r.status, r.estimated,
          ].join(","),
        )
        .join("\n");
      controller.enqueue(encoder.encode(text + "\n"));
    },
  });
}
