// An operator's edits to the model catalog: in force from the next request on every instance.
import { prisma } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record";
import { catalogChanged } from "../gateway/catalog";
import { pool } from "../db";
import { perMillionToPerToken } from "../money";

export type ModelChange = {
  inputPrice?: bigint;
  outputPrice?: bigint;
  cachedInputPrice?: bigint | null;
  enabled?: boolean;
  upstreamModel?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  aliases?: string[];
};

export class UnknownModelError extends Error {}
export class AliasError extends Error {}
export class PriceError extends Error {}

/** "0.18" (USD per million tokens) as nano-dollars per token; a PriceError for anything else. */
export function parsePrice(text: string): bigint {
  try {
    const nano = perMillionToPerToken(text);
    if (nano >= 0n) return nano;
  } catch {
    // reported below
  }
  throw new PriceError(`Enter USD per million tokens such as 0.18 (at most 3 decimals), not "${text}".`);
}

export type ModelRevision = { at: Date; actor: string; before: Record<string, string | number | boolean | null> };

/** Each model's latest edit (who, when, and the values it replaced), by model id. */
export async function lastRevisions(): Promise<Map<string, ModelRevision>> {
  const { rows } = await pool().query<{ targetId: string; createdAt: Date; actor: string; before: ModelRevision["before"] }>(
    `SELECT DISTINCT ON ("targetId") "targetId", "createdAt", actor, before
     FROM "AuditLog" WHERE action = 'model.update' ORDER BY "targetId", id DESC`,
  );
  return new Map(rows.map((r) => [r.targetId, { at: r.createdAt, actor: r.actor, before: r.before }]));
}

// A name, or a pattern: a name's start followed by `*` (e.g. claude-*).
const ALIAS = /^[A-Za-z0-9][A-Za-z0-9._:\/-]{0,126}\*?$/;

/** Refuse aliases that are malformed or already name another model (its id or one of its aliases). */
async function checkAliases(id: string, aliases: string[]): Promise<void> {
  const bad = aliases.find((a) => !ALIAS.test(a));
  if (bad !== undefined) throw new AliasError(`"${bad}" is not a model name: use letters, digits and . _ : / - (at most 128), or end with * to match every name that starts so.`);
  const others = await prisma().model.findMany({ where: { id: { not: id } }, select: { id: true, aliases: true } });
  for (const other of others) {
    const taken = aliases.find((a) => a === other.id || other.aliases.includes(a));
    if (taken) throw new AliasError(`"${taken}" already names ${other.id}.`);
  }
}

const same = (a: unknown, b: unknown): boolean => (Array.isArray(a) && Array.isArray(b) ? a.join("\n") === b.join("\n") : a === b);

/** Apply `change` to a model; returns the fields it replaced and their new values (only those that differ). */
export async function updateModel(actor: Actor, id: string, change: ModelChange) {
  const current = await prisma().model.findUnique({ where: { id } });
  if (!current) throw new UnknownModelError(`No model "${id}".`);
  if (change.aliases) await checkAliases(id, change.aliases);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(change) as [keyof ModelChange, unknown][]) {
    if (value === undefined || same(current[field], value)) continue;
    before[field] = current[field];
    after[field] = value;
  }
  if (Object.keys(after).length === 0) return { before, after };
  await prisma().model.update({ where: { id }, data: after });
  await recordAudit({ actor, action: "model.update", targetType: "model", targetId: id, before, after });
  await catalogChanged();
  return { before, after };
}

/** Every model with its current prices and limits, in display order (straight from the table, not the cache). */
export async function listModels() {
  return prisma().model.findMany({ orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
}
