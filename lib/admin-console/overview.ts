// The console's overview: traffic, tokens, revenue, errors and latency over a window, with the
// top accounts, models and channels. Closed hours come from the rollup (lib/admin-console/rollup.ts),
// the hours since its mark from UsageLog through its createdAt index; latency percentiles come
// from the merged bucket counts of lib/admin-console/latency-buckets.ts.
import { pool } from "../db";
import type { Queryable } from "../billing/ledger";
import { addCounts, emptyCounts, percentileFromCounts } from "./latency-buckets";
import { rollupMark } from "./rollup";
import { accountSums, hourlyLatency, hourlySums } from "./usage-sums";
import { HOUR_MS, hourOf, WINDOWS, windowStart, type WindowKey } from "./windows";

export type Bucket = { at: Date; requests: number; tokens: number; cost: bigint; errors: number; p50: number; p95: number };
export type Top = { key: string; label: string; requests: number; cost: bigint };
export type Overview = { since: Date; buckets: Bucket[]; total: Omit<Bucket, "at">; topAccounts: Top[]; topModels: Top[]; topChannels: Top[] };

type RawSeries = { at: Date | null; requests: string; tokens: string; cost: string; errors: string };
type RawTop = { dim: string; key: string; label: string | null; requests: string; cost: string };

const TOP_N = 5;

/** Largest cost first, then most requests, then by key. */
function byCost(x: Top, y: Top): number {
  return x.cost !== y.cost ? (y.cost > x.cost ? 1 : -1) : y.requests - x.requests || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
}

/** Per hour × model × channel: the rollup's hours in [$1, $2), UsageLog's rows in [$2, $3). */
function windowSums(): string {
  return `SELECT hour, model, channel, requests, errors, "promptTokens", "completionTokens", cost FROM "UsageHourly" WHERE hour >= $1 AND hour < $2
          UNION ALL ${hourlySums("$2", "$3")}`;
}

/** Series per `unit` plus the window's total (at null), the top models and channels, and latency counts per hour. */
async function sums(db: Queryable, unit: "hour" | "day", range: [since: Date, split: Date, end: Date]) {
  return Promise.all([
    db.query<RawSeries>(
      `WITH s AS (${windowSums()})
       SELECT date_trunc('${unit}', hour) AS at, coalesce(sum(requests), 0)::text AS requests,
              coalesce(sum("promptTokens" + "completionTokens"), 0)::text AS tokens, coalesce(sum(cost), 0)::text AS cost,
              coalesce(sum(errors), 0)::text AS errors
       FROM s GROUP BY GROUPING SETS ((date_trunc('${unit}', hour)), ()) ORDER BY at NULLS FIRST`,
      range,
    ),
    db.query<RawTop>(
      `WITH s AS (${windowSums()}),
       m AS (SELECT 'model' AS dim, model AS key, sum(requests) AS requests, sum(cost) AS cost FROM s GROUP BY model ORDER BY sum(cost) DESC, sum(requests) DESC, model LIMIT ${TOP_N}),
       c AS (SELECT 'channel' AS dim, channel AS key, sum(requests) AS requests, sum(cost) AS cost FROM s GROUP BY channel ORDER BY sum(requests) DESC, channel LIMIT ${TOP_N})
       SELECT dim, key, NULL AS label, requests::text, cost::text FROM m UNION ALL SELECT dim, key, NULL, requests::text, cost::text FROM c`,
      range,
    ),
    db.query<{ hour: Date; counts: number[] }>(
      `SELECT hour, counts FROM "UsageHourlyLatency" WHERE hour >= $1 AND hour < $2 UNION ALL ${hourlyLatency("$2", "$3")}`,
      range,
    ),
  ]);
}

/**
 * The top accounts over [since, end). With the mark inside the window (and no later than now's
 * hour), each account's total is its window row (the window's closed hours up to the mark), less
 * the hours that have since left the window, plus UsageLog from the mark on; otherwise UsageLog alone.
 */
async function topAccounts(db: Queryable, window: WindowKey, since: Date, end: Date, mark: Date | null, now: Date): Promise<Top[]> {
  const current = mark !== null && mark > since && mark <= hourOf(now);
  const [parts, params] = current
    ? [
        [
          `SELECT "userId", requests, cost FROM "UsageAccountWindow" WHERE "window" = $1`,
          `SELECT "userId", -requests, -cost FROM (${accountSums("$2", "$3")}) gone`,
          accountSums("$4", "$5"),
        ],
        [window, new Date(mark.getTime() - (WINDOWS[window] - 1) * HOUR_MS), since, mark, end],
      ]
    : [[accountSums("$1", "$2")], [since, end]];
  const { rows } = await db.query<RawTop>(
    `SELECT 'account' AS dim, t."userId" AS key, u.email AS label, t.requests::text, t.cost::text
     FROM (SELECT "userId", sum(requests) AS requests, sum(cost) AS cost FROM (${parts.join(" UNION ALL ")}) x
           GROUP BY "userId" HAVING sum(requests) > 0 ORDER BY sum(cost) DESC, sum(requests) DESC, "userId" LIMIT ${TOP_N}) t
     LEFT JOIN "User" u ON u.id = t."userId"`,
    params,
  );
  return top(rows);
}

function top(rows: RawTop[]): Top[] {
  return rows
    .map((r) => ({ key: r.key, label: r.label ?? (r.key || "none"), requests: Number(r.requests), cost: BigInt(r.cost) }))
    .sort(byCost);
}

/** The overview of the window ending at `now`: hourly buckets for 24 h, daily (UTC) otherwise. */
export async function overview(window: WindowKey, now = new Date(), db: Queryable = pool()): Promise<Overview> {
  const since = windowStart(window, now);
  const end = new Date(now.getTime() + 1); // rows up to and including now
  const mark = await rollupMark(db);
  // Rolled-up hours are read up to the mark, or up to now's hour for a `now` before the mark.
  const split = new Date(Math.max(since.getTime(), Math.min(mark?.getTime() ?? 0, hourOf(now).getTime())));
  const unit = window === "24h" ? "hour" : "day";
  const [[series, tops, latency], accounts] = await Promise.all([
    sums(db, unit, [since, split, end]),
    topAccounts(db, window, since, end, mark, now),
  ]);
  const bucketOf = (at: Date) => (unit === "hour" ? hourOf(at) : new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate())));
  const counts = new Map<number, number[]>();
  const total = emptyCounts();
  for (const { hour, counts: c } of latency.rows) {
    const key = bucketOf(hour).getTime();
    counts.set(key, addCounts(counts.get(key) ?? emptyCounts(), c));
    addCounts(total, c);
  }
  const bucket = (r: RawSeries, c: number[]) => ({
    requests: Number(r.requests), tokens: Number(r.tokens), cost: BigInt(r.cost), errors: Number(r.errors),
    p50: percentileFromCounts(c, 0.5), p95: percentileFromCounts(c, 0.95),
  });
  const [totalRow, ...rows] = series.rows;
  return {
    since,
    buckets: rows.map((r) => ({ at: r.at as Date, ...bucket(r, counts.get((r.at as Date).getTime()) ?? emptyCounts()) })),
    total: totalRow ? bucket(totalRow, total) : { requests: 0, tokens: 0, cost: 0n, errors: 0, p50: 0, p95: 0 },
    topAccounts: accounts,
    topModels: top(tops.rows.filter((r) => r.dim === "model")),
    topChannels: top(tops.rows.filter((r) => r.dim === "channel")),
  };
}
