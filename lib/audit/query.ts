// Reading the audit log: newest first, a keyset page at a time, or all of it as CSV.
import { pool } from "../db";
import { cell } from "../usage/csv";

export type AuditFilter = { action?: string; actor?: string; targetId?: string; since?: Date; until?: Date };
export type AuditRow = {
  id: bigint; createdAt: Date; actor: string; actorId: string | null; action: string;
  targetType: string; targetId: string | null; reason: string | null; before: unknown; after: unknown;
};
export type AuditPage = { rows: AuditRow[]; next: bigint | null };

type Raw = Omit<AuditRow, "id"> & { id: string };

function where(filter: AuditFilter, before: bigint | null): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    parts.push(clause.replace("?", `$${params.length}`));
  };
  if (filter.action) add("action = ?", filter.action);
  if (filter.actor) add("actor ILIKE ?", `%${filter.actor}%`);
  if (filter.targetId) add(`"targetId" = ?`, filter.targetId);
  if (filter.since) add(`"createdAt" >= ?`, filter.since);
  if (filter.until) add(`"createdAt" < ?`, filter.until);
  if (before !== null) add("id < ?", before.toString());
  return { sql: parts.length ? `WHERE ${parts.join(" AND ")}` : "", params };
}

async function fetch(filter: AuditFilter, before: bigint | null, limit: number): Promise<AuditRow[]> {
  const w = where(filter, before);
  const { rows } = await pool().query<Raw>(
    `SELECT id, "createdAt", actor, "actorId", action, "targetType", "targetId", reason, before, after
     FROM "AuditLog" ${w.sql} ORDER BY id DESC LIMIT ${limit}`,
    w.params,
  );
  return rows.map((r) => ({ ...r, id: BigInt(r.id) }));
}

/** One page of the audit log, newest first; `before` is the previous page's `next`. */
export async function auditPage(filter: AuditFilter, before: bigint | null = null, size = 50): Promise<AuditPage> {
  const rows = await fetch(filter, before, size + 1);
  const more = rows.length > size;
  const shown = rows.slice(0, size);
  return { rows: shown, next: more ? shown[shown.length - 1].id : null };
}

const HEADER = "time_utc,actor,action,target_type,target_id,reason,before,after\n";
const BATCH = 1000;

/** The filtered audit log as a CSV stream, newest first. */
export function auditCsv(filter: AuditFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: bigint | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(HEADER));
        return;
      }
      const rows = await fetch(filter, cursor, BATCH);
      if (rows.length === 0) return controller.close();
      cursor = rows[rows.length - 1].id;
      const text = rows.map((r) => [
        r.createdAt.toISOString(), cell(r.actor), cell(r.action), cell(r.targetType), cell(r.targetId ?? ""),
        cell(r.reason ?? ""), cell(r.before == null ? "" : JSON.stringify(r.before)), cell(r.after == null ? "" : JSON.stringify(r.after)),
      ].join(","));
      controller.enqueue(encoder.encode(text.join("\n") + "\n"));
    },
  });
}
