// The audit page's filters as its URL (and the CSV export's) carries them.
import type { AuditFilter } from "../audit/query";

export type AuditSearch = { action?: string; actor?: string; target?: string; from?: string; to?: string; before?: string };

/** A YYYY-MM-DD form value as the start of that UTC day (plus `plusDays`), or undefined. */
export function utcDay(value: string | undefined, plusDays = 0): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms + plusDays * 86_400_000);
}

/** The filter behind ?action=&actor=&target=&from=&to= (days are UTC, `to` inclusive). */
export function auditFilter(search: AuditSearch): AuditFilter {
  return {
    action: search.action?.trim() || undefined,
    actor: search.actor?.trim() || undefined,
    targetId: search.target?.trim() || undefined,
    since: utcDay(search.from),
    until: utcDay(search.to, 1),
  };
}
