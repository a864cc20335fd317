// UsageLog summed per UTC hour, model and channel, its latency histogram per hour, and per
// account: the same SQL fills the rollup for closed hours and reads the open hour live, so the
// two always agree. `from` and `to` are parameter placeholders ("$1") of a half-open range.
import { LATENCY_BOUNDS_MS } from "./latency-buckets";

/** Per hour × model × channel ("" for none) over "createdAt" in [from, to). */
export function hourlySums(from: string, to: string): string {
  return `
    SELECT date_trunc('hour', "createdAt") AS hour, model, coalesce(channel, '') AS channel,
           count(*)::int AS requests, (count(*) FILTER (WHERE status <> 'ok'))::int AS errors,
           sum("promptTokens")::bigint AS "promptTokens", sum("completionTokens")::bigint AS "completionTokens", sum(cost)::bigint AS cost
    FROM "UsageLog" WHERE "createdAt" >= ${from} AND "createdAt" < ${to}
    GROUP BY 1, 2, 3`;
}

/** One count per latency bucket, for a GROUP BY: an int[] in bucket order. */
const BUCKET_COUNTS = `ARRAY[${[undefined, ...LATENCY_BOUNDS_MS]
  .map((low, i) => {
    const high = LATENCY_BOUNDS_MS[i];
    const range = [low === undefined ? "" : `"latencyMs" >= ${low}`, high === undefined ? "" : `"latencyMs" < ${high}`].filter(Boolean);
    return `count(*) FILTER (WHERE ${range.join(" AND ")})`;
  })
  .join(", ")}]::int[]`;

/** Per hour over "createdAt" in [from, to): requests per latency bucket, as int[] `counts`. */
export function hourlyLatency(from: string, to: string): string {
  return `
    SELECT date_trunc('hour', "createdAt") AS hour, ${BUCKET_COUNTS} AS counts
    FROM "UsageLog" WHERE "createdAt" >= ${from} AND "createdAt" < ${to}
    GROUP BY 1`;
}

/** Per account over "createdAt" in [from, to): requests and cost. */
export function accountSums(from: string, to: string): string {
  return `
    SELECT "userId", count(*)::int AS requests, sum(cost)::bigint AS cost
    FROM "UsageLog" WHERE "createdAt" >= ${from} AND "createdAt" < ${to} GROUP BY "userId"`;
}
