// A key's spend limit counts in a period: a UTC day, a UTC month, or the key's whole life.
// The same boundaries in TypeScript (messages, the dashboard) and in SQL (holds, settlement).
import type { SpendPeriod } from "../generated/prisma/enums";

export type SpendLimit = { amount: bigint; period: SpendPeriod };

/** Where the key's `spent` counter restarts: the start of the period `now` falls in (the epoch for TOTAL). */
export function periodStart(period: SpendPeriod, now: Date): Date {
  if (period === "DAY") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === "MONTH") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return new Date(0);
}

/** When the period `now` falls in ends and the limit resets; null for TOTAL (never). */
export function periodReset(period: SpendPeriod, now: Date): Date | null {
  if (period === "DAY") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  if (period === "MONTH") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return null;
}

/** "per day (UTC)", "per month (UTC)", "in total": how a limit reads in sentences. */
export function periodPhrase(period: SpendPeriod): string {
  return period === "DAY" ? "per day (UTC)" : period === "MONTH" ? "per month (UTC)" : "in total";
}

/** The spend a key has counted in the current period: its counter, unless the counter belongs to an earlier period. */
export function spentThisPeriod(key: { spent: bigint; spentSince: Date; spendPeriod: SpendPeriod | null }, now: Date): bigint {
  if (!key.spendPeriod) return 0n;
  return key.spentSince.getTime() === periodStart(key.spendPeriod, now).getTime() ? key.spent : 0n;
}

/**
 * SQL for the start of the current period of the key whose `"spendPeriod"` column is `column`
 * (a timestamp without time zone in UTC, as Prisma stores DateTime). The same boundaries as periodStart.
 */
export function periodStartSql(column: string): string {
  return `(CASE ${column} WHEN 'DAY' THEN date_trunc('day', now() AT TIME ZONE 'UTC')
     WHEN 'MONTH' THEN date_trunc('month', now() AT TIME ZONE 'UTC') ELSE timestamp '1970-01-01' END)`;
}
