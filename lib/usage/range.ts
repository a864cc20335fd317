// Day ranges for usage views: whole UTC days, oldest first.

export const RANGES = [7, 30, 90] as const;
export type RangeDays = (typeof RANGES)[number];

const DAY_MS = 86_400_000;

/** A range from a query parameter; 30 days unless it names one of RANGES. */
export function parseRange(value: string | string[] | undefined): RangeDays {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return (RANGES as readonly number[]).includes(n) ? (n as RangeDays) : 30;
}

/** Midnight UTC of the first day of a `days`-day range ending today. */
export function rangeStart(days: number, now = new Date()): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

/** Every day of the range as YYYY-MM-DD. */
export function rangeDays(days: number, now = new Date()): string[] {
  const start = rangeStart(days, now).getTime();
  return Array.from({ length: days }, (_, i) => dayKey(new Date(start + i * DAY_MS)));
}

/** A date's UTC day as YYYY-MM-DD. */
export function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC on the first of this month. */
export function monthStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}
