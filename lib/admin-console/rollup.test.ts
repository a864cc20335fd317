// The overview read from the hourly rollup (plus the open hours from the log) equals the
// overview computed straight from the raw log: on seeded data with failures, several models,
// channels and accounts, rows on the window's edges, a rollup that lags, and several instances
// rolling up at once. Its own scratch database, so the rollup's mark is this file's alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createScratchDatabase } from "../db/scratch";
import { migrate } from "../db/migrate";
import { emptyCounts, LATENCY_BOUNDS_MS, percentileFromCounts } from "./latency-buckets";
import { overview, type Overview, type Top } from "./overview";
import { rollUpUsage, rollupMark } from "./rollup";
import { HOUR_MS, WINDOWS, windowStart, type WindowKey } from "./windows";

type Row = { userId: string; model: string; channel: string | null; status: string; promptTokens: number; completionTokens: number; cost: bigint; latencyMs: number; at: Date };

const NOW = new Date("2031-03-15T10:37:12.345Z");
const ACCOUNTS = Array.from({ length: 9 }, (_, i) => `acct-${i}`);
const MODELS = ["deepseek-chat", "qwen-plus", "glm-4-flash", ""];
const CHANNELS = ["ds-main", "ds-backup", "dashscope", null];
const STATUSES = ["ok", "ok", "ok", "ok", "ok", "error", "upstream_error", "client_closed"];
const LATENCIES = [0, 12, 49, 50, 99, 180, 240, 333, 610, 999, 1_000, 1_700, 2_600, 4_100, 9_999, 25_000, 119_999, 120_000, 400_000];

let scratch: { url: string; drop: () => Promise<void> };
let db: pg.Pool;
let rows: Row[] = [];

/** A deterministic spread of rows over 40 days before NOW, and rows on every edge that matters. */
function seedRows(): Row[] {
  const out: Row[] = [];
  let x = 7;
  const next = (n: number) => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
  for (let i = 0; i < 4_000; i++) {
    const status = STATUSES[next(STATUSES.length)];
    const promptTokens = status === "error" ? 0 : 10 + next(900);
    const completionTokens = status === "error" ? 0 : next(400);
    out.push({
      userId: ACCOUNTS[Math.min(next(ACCOUNTS.length), next(ACCOUNTS.length))], // some accounts busier than others
      model: status === "error" ? MODELS[next(MODELS.length)] : MODELS[next(3)],
      channel: status === "error" ? CHANNELS[next(CHANNELS.length)] : CHANNELS[next(3)],
      status, promptTokens, completionTokens,
      cost: BigInt(promptTokens * 180 + completionTokens * 360),
      latencyMs: LATENCIES[next(LATENCIES.length)] + next(3),
      at: new Date(NOW.getTime() - next(40 * 24 * 3_600) * 1000 - next(1000)),
    });
  }
  const edge = (at: Date, userId = "acct-8"): Row => ({ userId, model: "qwen-plus", channel: "dashscope", status: "ok", promptTokens: 5, completionTokens: 5, cost: 99_000n, latencyMs: 75, at });
  for (const window of Object.keys(WINDOWS) as WindowKey[]) {
    const since = windowStart(window, NOW).getTime();
    out.push(edge(new Date(since)), edge(new Date(since - 1)), edge(new Date(since + HOUR_MS - 1)));
  }
  // The open hour, the hour the grace keeps open, and a row after NOW (never counted).
  out.push(edge(NOW), edge(new Date(NOW.getTime() + 1)), edge(new Date(NOW.getTime() - 60_000)), edge(new Date(Date.UTC(2031, 2, 15, 9, 59, 59, 999))));
  return out;
}

async function insert(list: Row[]): Promise<void> {
  await db.query(
    `INSERT INTO "UsageLog" ("requestId", "userId", "apiKeyId", model, provider, "promptTokens", "completionTokens", cost, estimated, stream, status, channel, "latencyMs", "createdAt")
     SELECT 'r-' || gen_random_uuid(), u, 'key-' || u, m, 'p', pt, ct, c, false, false, s, ch, l, t
     FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::bigint[], $6::text[], $7::text[], $8::int[], $9::timestamp[]) AS x(u, m, pt, ct, c, s, ch, l, t)`,
    [
      list.map((r) => r.userId), list.map((r) => r.model), list.map((r) => r.promptTokens), list.map((r) => r.completionTokens),
      list.map((r) => r.cost.toString()), list.map((r) => r.status), list.map((r) => r.channel), list.map((r) => r.latencyMs),
      list.map((r) => r.at.toISOString().replace("T", " ").replace("Z", "")),
    ],
  );
}

function bucketIndex(latency: number): number {
  const i = LATENCY_BOUNDS_MS.findIndex((bound) => latency < bound);
  return i === -1 ? LATENCY_BOUNDS_MS.length : i;
}

function byCost(x: Top, y: Top): number {
  return x.cost !== y.cost ? (y.cost > x.cost ? 1 : -1) : y.requests - x.requests || (x.key < y.key ? -1 : 1);
}

/** The overview as plain arithmetic over the raw rows. */
function fromRaw(window: WindowKey, now: Date): Omit<Overview, "since"> {
  const since = windowStart(window, now);
  const inWindow = rows.filter((r) => r.at >= since && r.at <= now);
  const unitMs = window === "24h" ? HOUR_MS : 24 * HOUR_MS;
  const sum = (list: Row[]) => {
    const counts = emptyCounts();
    for (const r of list) counts[bucketIndex(r.latencyMs)]++;
    return {
      requests: list.length, tokens: list.reduce((n, r) => n + r.promptTokens + r.completionTokens, 0), cost: list.reduce((n, r) => n + r.cost, 0n),
      errors: list.filter((r) => r.status !== "ok").length, p50: percentileFromCounts(counts, 0.5), p95: percentileFromCounts(counts, 0.95),
    };
  };
  const groups = (key: (r: Row) => string) => {
    const map = new Map<string, Row[]>();
    for (const r of inWindow) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return [...map].map(([k, list]) => ({ key: k, label: k || "none", requests: list.length, cost: list.reduce((n, r) => n + r.cost, 0n) }));
  };
  const series = groups((r) => String(Math.floor(r.at.getTime() / unitMs) * unitMs))
    .map((g) => Number(g.key))
    .sort((a, b) => a - b)
    .map((at) => ({ at: new Date(at), ...sum(inWindow.filter((r) => Math.floor(r.at.getTime() / unitMs) * unitMs === at)) }));
  return {
    buckets: series,
    total: sum(inWindow),
    topAccounts: groups((r) => r.userId).map((t) => ({ ...t, label: `${t.key}@rollup.test` })).sort(byCost).slice(0, 5),
    topModels: groups((r) => r.model).sort(byCost).slice(0, 5),
    topChannels: groups((r) => r.channel ?? "").sort((x, y) => y.requests - x.requests || (x.key < y.key ? -1 : 1)).slice(0, 5).sort(byCost),
  };
}

async function expectSame(now: Date): Promise<void> {
  for (const window of Object.keys(WINDOWS) as WindowKey[]) {
    const { since, ...got } = await overview(window, now, db);
    expect(since).toEqual(windowStart(window, now));
    expect({ window, ...got }).toEqual({ window, ...fromRaw(window, now) });
  }
}

async function reset(): Promise<void> {
  await db.query(`TRUNCATE "UsageLog", "UsageHourly", "UsageHourlyLatency", "UsageAccountWindow", "UsageRollup"`);
  await insert(rows);
}

beforeAll(async () => {
  scratch = await createScratchDatabase(process.env.DATABASE_URL!, "rollup");
  await migrate(scratch.url, () => undefined);
  db = new pg.Pool({ connectionString: scratch.url, max: 6 });
  await db.query(
    `INSERT INTO "User" (id, email, balance, "updatedAt") SELECT a, a || '@rollup.test', 0, now() FROM unnest($1::text[]) a`,
    [ACCOUNTS],
  );
  await db.query(`INSERT INTO "ApiKey" (id, "userId", name, hash, prefix) SELECT 'key-' || a, a, 'k', md5(a), 'sib-…' || a FROM unnest($1::text[]) a`, [ACCOUNTS]);
  rows = seedRows();
}, 120_000);

afterAll(async () => {
  await db?.end();
  await scratch?.drop();
});

describe("the overview's rollup", () => {
  it("backfills on its first run and then reads the same overview as the raw log, at the window edges too", async () => {
    await reset();
    expect(await rollupMark(db)).toBeNull();
    await expectSame(NOW); // nothing rolled up yet: the log alone
    const firstHour = Math.floor(Math.min(...rows.map((r) => r.at.getTime())) / HOUR_MS) * HOUR_MS;
    const closed = Date.UTC(2031, 2, 15, 10);
    expect(await rollUpUsage(db, NOW)).toBe((closed - firstHour) / HOUR_MS);
    expect(await rollupMark(db)).toEqual(new Date(closed));
    expect((await db.query(`SELECT count(*)::int AS n FROM "UsageHourly"`)).rows[0].n).toBeGreaterThan(500);
    await expectSame(NOW);
    expect(await rollUpUsage(db, NOW)).toBe(0);
    await expectSame(NOW);
  });

  it("keeps the hour before open during the grace, and agrees while the rollup lags hours behind or is ahead of the asked time", async () => {
    await reset();
    const justAfter = new Date(Date.UTC(2031, 2, 15, 10, 1));
    await rollUpUsage(db, justAfter);
    expect(await rollupMark(db)).toEqual(new Date(Date.UTC(2031, 2, 15, 9)));
    await expectSame(NOW);
    await db.query(`TRUNCATE "UsageHourly", "UsageHourlyLatency", "UsageAccountWindow", "UsageRollup"`);
    await rollUpUsage(db, new Date(NOW.getTime() - 5 * HOUR_MS));
    await expectSame(NOW); // five closed hours read from the log; accounts' totals less the hours that left the window
    await db.query(`TRUNCATE "UsageHourly", "UsageHourlyLatency", "UsageAccountWindow", "UsageRollup"`);
    await rollUpUsage(db, new Date(NOW.getTime() - 50 * HOUR_MS));
    await expectSame(NOW); // the mark before the 24 h window: that window from the log alone
    await rollUpUsage(db, NOW);
    await expectSame(new Date(NOW.getTime() - 30 * HOUR_MS)); // a time before the mark: the log from that hour on
  });

  it("gives the same result when several instances run it at once", async () => {
    await reset();
    const runs = await Promise.all([rollUpUsage(db, NOW), rollUpUsage(db, NOW), rollUpUsage(db, NOW)]);
    expect(runs.filter((n) => n !== null && n > 0)).toHaveLength(1);
    expect(runs.filter((n) => n !== null && n > 0)[0]).toBeGreaterThan(900);
    await expectSame(NOW);
  });

  it("starts an empty log with its mark at the last closed hour and an empty overview", async () => {
    await db.query(`TRUNCATE "UsageLog", "UsageHourly", "UsageHourlyLatency", "UsageAccountWindow", "UsageRollup"`);
    expect(await rollUpUsage(db, NOW)).toBe(0);
    expect(await rollupMark(db)).toEqual(new Date(Date.UTC(2031, 2, 15, 10)));
    expect(await overview("30d", NOW, db)).toMatchObject({ buckets: [], total: { requests: 0, cost: 0n, p50: 0, p95: 0 }, topAccounts: [], topModels: [] });
  });
});

describe("percentiles from buckets", () => {
  it("interpolate inside the bucket that holds the rank, and answer the open last bucket's lower bound", () => {
    const counts = emptyCounts();
    counts[0] = 4; // [0, 50)
    counts[1] = 6; // [50, 100)
    expect(percentileFromCounts(counts, 0.5)).toBe(58); // rank 5: 1 of 6 into [50, 100)
    expect(percentileFromCounts(counts, 0.2)).toBe(25); // rank 2: 2 of 4 into [0, 50)
    const slow = emptyCounts();
    slow[slow.length - 1] = 3;
    expect(percentileFromCounts(slow, 0.95)).toBe(120_000);
    expect(percentileFromCounts(emptyCounts(), 0.5)).toBe(0);
  });
});
