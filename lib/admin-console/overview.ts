// The console's overview: traffic, tokens, revenue, errors and latency over a window, with
// the top accounts, models and channels. Reads the log through its createdAt index only.
import { pool } from "../db";

export const WINDOWS = { "24h": 24, "7d": 24 * 7, "30d": 24 * 30 } as const;
export type WindowKey = keyof typeof WINDOWS;

/** ?window= as a known window, 24h by default. */
export function parseWindow(value: string | string[] | undefined): WindowKey {
  return typeof value === "string" && value in WINDOWS ? (value as WindowKey) : "24h";
}

export type Bucket = { at: Date; requests: number; tokens: number; cost: bigint; errors: number; p50: number; p95: number };
export type Top = { key: string; label: string; requests: number; cost: bigint };
export type Overview = { buckets: Bucket[]; total: Omit<Bucket, "at">; topAccounts: Top[]; topModels: Top[]; topChannels: Top[] };

type RawBucket = { at: Date | null; requests: string; tokens: string | null; cost: string | null; errors: string; p50: number | null; p95: number | null };
type RawTop = { key: string | null; label: string | null; requests: string; cost: string | null };

function bucket(r: RawBucket) {
  return {
    requests: Number(r.requests), tokens: Number(r.tokens ?? 0), cost: BigInt(r.cost ?? 0),
    errors: Number(r.errors), p50: Math.round(r.p50 ?? 0), p95: Math.round(r.p95 ?? 0),
  };
}

function top(rows: RawTop[]): Top[] {
  return rows.map((r) => ({ key: r.key ?? "", label: r.label ?? r.key ?? "none", requests: Number(r.requests), cost: BigInt(r.cost ?? 0) }));
}

/** The overview for the window ending now: hourly buckets for 24 h, daily otherwise. */
export async function overview(window: WindowKey, now = new Date()): Promise<Overview> {
  const hours = WINDOWS[window];
  const since = new Date(now.getTime() - hours * 3_600_000);
  const unit = hours <= 24 ? "hour" : "day";
  const db = pool();
  const [series, tops] = await Promise.all([
    db.query<RawBucket>(
      `SELECT date_trunc('${unit}', "createdAt") AS at, count(*) AS requests,
              sum("promptTokens" + "completionTokens") AS tokens, sum(cost) AS cost,
              count(*) FILTER (WHERE status <> 'ok') AS errors,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY "latencyMs") AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs") AS p95
       FROM "UsageLog" WHERE "createdAt" >= $1
       GROUP BY GROUPING SETS ((date_trunc('${unit}', "createdAt")), ()) ORDER BY at NULLS FIRST`,
      [since],
    ),
    db.query<RawTop & { dim: string }>(
      `WITH w AS (SELECT "userId", model, channel, cost FROM "UsageLog" WHERE "createdAt" >= $1),
       a AS (SELECT 'account' AS dim, "userId" AS key, count(*) AS requests, sum(cost) AS cost FROM w GROUP BY "userId" ORDER BY sum(cost) DESC NULLS LAST LIMIT 5),
       m AS (SELECT 'model' AS dim, model AS key, count(*) AS requests, sum(cost) AS cost FROM w GROUP BY model ORDER BY sum(cost) DESC NULLS LAST LIMIT 5),
       c AS (SELECT 'channel' AS dim, channel AS key, count(*) AS requests, sum(cost) AS cost FROM w GROUP BY channel ORDER BY count(*) DESC LIMIT 5)
       SELECT x.dim, x.key, u.email AS label, x.requests, x.cost FROM (SELECT * FROM a UNION ALL SELECT * FROM m UNION ALL SELECT * FROM c) x
       LEFT JOIN "User" u ON x.dim = 'account' AND u.id = x.key`,
      [since],
    ),
  ]);
  const [totalRow, ...rows] = series.rows;
  const empty = { requests: 0, tokens: 0, cost: 0n, errors: 0, p50: 0, p95: 0 };
  const byDim = (dim: string) => top(tops.rows.filter((r) => r.dim === dim)).sort((x, y) => (y.cost > x.cost ? 1 : y.cost < x.cost ? -1 : y.requests - x.requests));
  return {
    buckets: rows.filter((r) => r.at !== null).map((r) => ({ at: r.at as Date, ...bucket(r) })),
    total: totalRow && totalRow.at === null ? bucket(totalRow) : empty,
    topAccounts: byDim("account"),
    topModels: byDim("model"),
    topChannels: byDim("channel"),
  };
}
