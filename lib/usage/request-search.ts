// The request log's filters as URL parameters: parsed once, turned back into links.
import type { RequestFilter } from "./requests";

export type RequestSearch = { key?: string; model?: string; outcome?: string; from?: string; to?: string; id?: string; cursor?: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The filter a search names (unknown values are ignored); `to` is a whole UTC day, included. */
export function filterOf(search: RequestSearch, keyIds: Set<string>): RequestFilter {
  const from = search.from && DAY.test(search.from) ? new Date(`${search.from}T00:00:00Z`) : undefined;
  const to = search.to && DAY.test(search.to) ? new Date(Date.parse(`${search.to}T00:00:00Z`) + DAY_MS) : undefined;
  return {
    keyId: search.key && keyIds.has(search.key) ? search.key : undefined,
    model: search.model?.trim() || undefined,
    outcome: search.outcome === "ok" || search.outcome === "failed" ? search.outcome : undefined,
    since: from && !Number.isNaN(from.getTime()) ? from : undefined,
    until: to && !Number.isNaN(to.getTime()) ? to : undefined,
    requestId: search.id?.trim() || undefined,
  };
}

/** /dashboard/requests with the search's filters and `cursor` (none: the newest page). */
export function searchHref(search: RequestSearch, cursor?: string): string {
  const params = new URLSearchParams();
  for (const name of ["key", "model", "outcome", "from", "to", "id"] as const) {
    const value = search[name];
    if (value) params.set(name, value);
  }
  if (cursor) params.set("cursor", cursor);
  const qs = params.toString();
  return qs ? `/dashboard/requests?${qs}` : "/dashboard/requests";
}
