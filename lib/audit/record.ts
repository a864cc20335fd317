// Writing the audit log: one row per operator action. The table refuses UPDATE and DELETE.
import { pool } from "../db";
import type { Queryable } from "../billing/ledger";
import type { Actor } from "./actor";

export type AuditEntry = {
  actor: Actor;
  action: string;
  targetType: string;
  targetId?: string | null;
  reason?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

function json(value: Record<string, unknown> | null | undefined): string | null {
  if (value == null) return null;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** Append one audit row; pass a transaction's client to write it with the change itself. */
export async function recordAudit(entry: AuditEntry, db: Queryable = pool()): Promise<void> {
  await db.query(
    `INSERT INTO "AuditLog" ("actorId", actor, action, "targetType", "targetId", reason, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
    [entry.actor.id, entry.actor.label, entry.action, entry.targetType, entry.targetId ?? null, entry.reason ?? null, json(entry.before), json(entry.after)],
  );
}
