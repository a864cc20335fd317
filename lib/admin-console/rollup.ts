// The overview's rollup, kept off the request path. Once an hour has closed (and a grace for
// commits in flight has passed), one process at a time — a transaction-scoped PostgreSQL
// advisory lock, so any number of instances may run the job — sums that hour's UsageLog rows
// into UsageHourly and UsageHourlyLatency, rebuilds each window's per-account totals and moves
// the mark. Every write replaces exactly what it covers, so a rerun changes nothing. The first
// run backfills the whole log.
import type pg from "pg";
import { pool } from "../db";
import type { Queryable } from "../billing/ledger";
import { inTransaction } from "./transaction";
import { accountSums, hourlyLatency, hourlySums } from "./usage-sums";
import { HOUR_MS, hourOf, WINDOWS } from "./windows";

/** An hour is rolled up this long after it ends: a usage row's time is its statement's start, which commits within it. */
export const ROLLUP_GRACE_MS = 2 * 60_000;

/** Advisory lock key of the rollup ("sib-roll"). */
const ROLLUP_LOCK = 0x7369622d726f6c6cn;

/** Every hour before the mark is in the rollup; null before the first run. */
export async function rollupMark(db: Queryable = pool()): Promise<Date | null> {
  const { rows } = await db.query<{ through: Date }>(`SELECT through FROM "UsageRollup" WHERE id = 1`);
  return rows[0]?.through ?? null;
}

/** Rebuild each window's per-account totals over the hours before `through` (the window less its open hour). */
async function rebuildAccountWindows(client: pg.PoolClient, through: Date): Promise<void> {
  for (const [window, hours] of Object.entries(WINDOWS)) {
    const since = new Date(through.getTime() - (hours - 1) * HOUR_MS);
    await client.query(`DELETE FROM "UsageAccountWindow" WHERE "window" = $1`, [window]);
    await client.query(
      `INSERT INTO "UsageAccountWindow" ("window", "userId", requests, cost) SELECT $3, "userId", requests, cost FROM (${accountSums("$1", "$2")}) a`,
      [since, through, window],
    );
  }
}

/**
 * Roll up every hour that `now` has closed (less the grace) and the rollup lacks. Returns how
 * many hours it added (0 when up to date), or null when another process holds the job.
 */
export async function rollUpUsage(db: pg.Pool = pool(), now = new Date()): Promise<number | null> {
  const target = hourOf(new Date(now.getTime() - ROLLUP_GRACE_MS));
  return inTransaction(async (client) => {
    const { rows: [lock] } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [ROLLUP_LOCK.toString()]);
    if (!lock.ok) return null;
    const mark = await rollupMark(client);
    const first = mark ?? (await client.query<{ at: Date | null }>(`SELECT min("createdAt") AS at FROM "UsageLog"`)).rows[0].at;
    const from = first ? hourOf(first) : target;
    const added = Math.max(0, (target.getTime() - from.getTime()) / HOUR_MS);
    if (added > 0) {
      const range = [from, target];
      await client.query(`DELETE FROM "UsageHourly" WHERE hour >= $1 AND hour < $2`, range);
      await client.query(
        `INSERT INTO "UsageHourly" (hour, model, channel, requests, errors, "promptTokens", "completionTokens", cost) ${hourlySums("$1", "$2")}`,
        range,
      );
      await client.query(`DELETE FROM "UsageHourlyLatency" WHERE hour >= $1 AND hour < $2`, range);
      await client.query(`INSERT INTO "UsageHourlyLatency" (hour, counts) ${hourlyLatency("$1", "$2")}`, range);
      await rebuildAccountWindows(client, target);
    }
    if (added > 0 || !mark) {
      await client.query(
        `INSERT INTO "UsageRollup" (id, through) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET through = EXCLUDED.through`,
        [added > 0 ? target : from],
      );
    }
    return added;
  }, db);
}
