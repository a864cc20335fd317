// An operator's edits to the model catalog: in force from the next request on every instance.
import { prisma } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record";
import { catalogChanged } from "../gateway/catalog";

export type ModelChange = {
  inputPrice?: bigint;
  outputPrice?: bigint;
  cachedInputPrice?: bigint | null;
  enabled?: boolean;
  upstreamModel?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
};

export class UnknownModelError extends Error {}

/** Apply `change` to a model; returns the fields it replaced and their new values (only those that differ). */
export async function updateModel(actor: Actor, id: string, change: ModelChange) {
  const current = await prisma().model.findUnique({ where: { id } });
  if (!current) throw new UnknownModelError(`No model "${id}".`);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(change) as [keyof ModelChange, unknown][]) {
    if (value === undefined || current[field] === value) continue;
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
