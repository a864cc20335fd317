// Usage per day from the UsageDaily aggregate, split by model or by key: what the charts draw.
import { prisma } from "../db";
import { keyNames } from "../keys/list";
import { dayKey, rangeDays, rangeStart } from "./range";

export type SplitBy = "model" | "key";
const MAX_GROUPS = 6;
const OTHER = "__other";

export type DailySeries = {
  /** Series in the charts, largest first. */
  groups: { id: string; label: string }[];
  /** The range's days, YYYY-MM-DD, oldest first. */
  days: string[];
  /** Per day: tokens per group. */
  tokens: Record<string, number>[];
  /** Per day: cost per group in dollars (display only; totals stay exact). */
  cost: Record<string, number>[];
  totals: { requests: number; tokens: number; cost: bigint };
};

/** Daily tokens and cost over the last `days` days, one series per model or key (the top few, then "Other"). */
export async function dailySeries(userId: string, days: number, splitBy: SplitBy, keyId?: string): Promise<DailySeries> {
  const rows = await prisma().usageDaily.findMany({
    where: { userId, day: { gte: rangeStart(days) }, ...(keyId ? { apiKeyId: keyId } : {}) },
  });
  const names = splitBy === "key" ? await keyNames(userId) : new Map<string, string>();
  const groupOf = (row: (typeof rows)[number]) => (splitBy === "model" ? row.model : row.apiKeyId);

  const weight = new Map<string, bigint>();
  for (const row of rows) weight.set(groupOf(row), (weight.get(groupOf(row)) ?? 0n) + row.promptTokens + row.completionTokens);
  const ranked = [...weight.entries()].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0]))).map(([id]) => id);
  const shown = new Set(ranked.slice(0, ranked.length > MAX_GROUPS ? MAX_GROUPS - 1 : MAX_GROUPS));
  const groups = [...shown].map((id) => ({ id, label: splitBy === "model" ? id : (names.get(id) ?? "Deleted key") }));
  if (shown.size < ranked.length) groups.push({ id: OTHER, label: "Other" });

  const dayList = rangeDays(days);
  const index = new Map(dayList.map((d, i) => [d, i]));
  const blank = (): Record<string, number> => Object.fromEntries(groups.map((g) => [g.id, 0]));
  const tokens = dayList.map(blank);
  const cost = dayList.map(blank);
  const totals = { requests: 0, tokens: 0, cost: 0n };
  for (const row of rows) {
    const i = index.get(dayKey(row.day));
    if (i === undefined) continue;
    const group = shown.has(groupOf(row)) ? groupOf(row) : OTHER;
    const used = Number(row.promptTokens + row.completionTokens);
    tokens[i][group] += used;
    cost[i][group] += Number(row.cost) / 1e9;
    totals.requests += row.requests;
    totals.tokens += used;
    totals.cost += row.cost;
  }
  return { groups, days: dayList, tokens, cost, totals };
}
