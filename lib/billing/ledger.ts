// The append-only ledger. Every statement here is a single SQL statement, so each
// balance change and its ledger row commit together; `reference` makes each idempotent.
import type pg from "pg";
import { pool, reservationPool } from "../db";
import { settlementFromProgress } from "./stream-progress";
import type { LedgerKind } from "../generated/prisma/enums";
import { periodStartSql } from "../keys/spend-period";

/** The pool, or one client inside an open transaction (its caller commits). */
export type Queryable = pg.Pool | pg.PoolClient;

const UNIQUE_VIOLATION = "23505";

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === UNIQUE_VIOLATION;
}

/**
 * Add a signed amount to a balance with its ledger row. Returns false when `reference`
 * was already booked (the balance is then untouched). Pass a transaction's client as `db`
 * to book it together with other writes. `operatorId` and `note` (never shown to the customer)
 * record who booked a manual entry and why.
 */
export async function postEntry(
  entry: { userId: string; kind: LedgerKind; amount: bigint; reference: string; description: string; operatorId?: string | null; note?: string },
  db: Queryable = pool(),
): Promise<boolean> {
  try {
    const { rowCount } = await db.query(
      `WITH u AS (
         UPDATE "User" SET balance = balance + $2::bigint, "updatedAt" = now()
         WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" WHERE reference = $4)
         RETURNING id, balance)
       INSERT INTO "LedgerEntry" ("userId", kind, amount, "balanceAfter", reference, description, "operatorId", note)
       SELECT u.id, $3::"LedgerKind", $2::bigint, u.balance, $4, $5, $6, $7 FROM u`,
      [entry.userId, entry.amount.toString(), entry.kind, entry.reference, entry.description, entry.operatorId ?? null, entry.note ?? null],
    );
    return rowCount === 1;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Why a hold was or was not placed: refused by the account's balance, or by the key's spend limit. */
export type HoldOutcome = "placed" | "balance" | "key_limit";

/**
 * Reserve `amount` of a user's spendable balance (balance − held) for a request. With
 * `limitedKeyId` (a key with a spend limit), the same statement also refuses when the key's
 * spend this period plus its open holds plus `amount` would pass its limit, and counts the hold
 * in the key's `held`. The account's row is locked before the key's, as settlement does, so
 * concurrent holds of one key queue on the account and each sees the previous one's count.
 */
export async function placeHold(userId: string, requestId: string, amount: bigint, ttlMs: number, limitedKeyId?: string): Promise<HoldOutcome> {
  if (!limitedKeyId) {
    const { rowCount } = await reservationPool().query(
      `WITH u AS (
         UPDATE "User" SET held = held + $2::bigint
         WHERE id = $1 AND balance - held >= $2::bigint
         RETURNING id)
       INSERT INTO "Hold" ("requestId", "userId", amount, "expiresAt")
       SELECT $3, u.id, $2::bigint, now() + ($4::int * interval '1 millisecond') FROM u`,
      [userId, amount.toString(), requestId, ttlMs],
    );
    return rowCount === 1 ? "placed" : "balance";
  }
  const { rows } = await reservationPool().query<{ placed: boolean; fits: boolean }>(
    `WITH lu AS (SELECT id FROM "User" WHERE id = $1 FOR UPDATE),
     k AS (
       SELECT id, "spendLimit" IS NULL
                  OR (CASE WHEN "spentSince" = ${periodStartSql('"spendPeriod"')} THEN spent ELSE 0 END) + held + $2::bigint <= "spendLimit" AS fits
       FROM "ApiKey" WHERE id = $5 AND "userId" = (SELECT id FROM lu) FOR UPDATE),
     u AS (
       UPDATE "User" SET held = held + $2::bigint
       WHERE id = $1 AND balance - held >= $2::bigint AND (SELECT fits FROM k)
       RETURNING id),
     kh AS (UPDATE "ApiKey" SET held = held + $2::bigint FROM u WHERE "ApiKey".id = $5),
     ins AS (
       INSERT INTO "Hold" ("requestId", "userId", "apiKeyId", amount, "expiresAt")
       SELECT $3, u.id, $5, $2::bigint, now() + ($4::int * interval '1 millisecond') FROM u
       RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM ins) AS placed, coalesce((SELECT fits FROM k), false) AS fits`,
    [userId, amount.toString(), requestId, ttlMs, limitedKeyId],
  );
  const { placed, fits } = rows[0];
  return placed ? "placed" : fits ? "balance" : "key_limit";
}

/** Give a hold back without charging (the request failed before any output). */
export async function releaseHold(requestId: string): Promise<void> {
  await reservationPool().query(
    `WITH h AS (DELETE FROM "Hold" WHERE "requestId" = $1 RETURNING "userId", "apiKeyId", amount),
     u AS (UPDATE "User" SET held = held - h.amount FROM h WHERE "User".id = h."userId" RETURNING h."apiKeyId", h.amount)
     UPDATE "ApiKey" SET held = "ApiKey".held - u.amount FROM u WHERE "ApiKey".id = u."apiKeyId"`,
    [requestId],
  );
}

export type Settlement = {
  requestId: string;
  /** The account the hold belongs to (batches lock accounts in this order). */
  userId: string;
  apiKeyId: string;
  model: string;
  provider: string;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Completion tokens spent thinking (part of completionTokens); 0 when unknown. */
  reasoningTokens?: number;
  /** Name of the channel that served; null when none was reached. */
  channel?: string | null;
  /** The API surface the request came through: chat (default) | messages. */
  api?: string;
  cost: bigint;
  estimated: boolean;
  stream: boolean;
  /** interrupted: its process died mid-stream; billed by the sweeper from recorded progress. */
  status: "ok" | "client_closed" | "upstream_error" | "interrupted";
  latencyMs: number;
  ttftMs: number | null;
};

/**
 * Close requests' holds: charge each its cost (never more than its hold) and write, per
 * request, the ledger row (with the balance after it), the usage row, the daily aggregate
 * and the key's lastUsedAt (to the minute) — all in one statement, and only for holds still
 * open, so a request is billed exactly once. Returns the amount charged per request id; a
 * request whose hold was already closed is absent. One statement also means each account's
 * row is locked only while it runs.
 */
export async function settleMany(batch: Settlement[], db: Queryable = pool()): Promise<Map<string, bigint>> {
  const column = <T>(pick: (s: Settlement) => T) => batch.map(pick);
  const { rows } = await db.query<{ request_id: string; charged: string }>(
    `WITH i AS (
       SELECT DISTINCT ON (request_id) * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[],
                            $9::bool[], $10::bool[], $11::text[], $12::int[], $13::int[], $14::int[], $15::text[], $16::text[])
         AS t(request_id, cost, api_key_id, model, provider, prompt, completion, cached, estimated, stream, status, latency, ttft, reasoning, channel, api)),
     h AS (DELETE FROM "Hold" USING i WHERE "Hold"."requestId" = i.request_id
           RETURNING "Hold"."requestId", "Hold"."userId", "Hold"."apiKeyId", "Hold".amount),
     c AS (SELECT i.*, h."userId" AS user_id, LEAST(i.cost, h.amount) AS charged, h.amount AS hold_amount,
                  h."apiKeyId" IS NOT NULL AS key_limited
           FROM i JOIN h ON h."requestId" = i.request_id),
     -- Lock the accounts in one order, so concurrent batches (other instances) cannot deadlock.
     lk AS (SELECT id FROM "User" WHERE id IN (SELECT user_id FROM c) ORDER BY id FOR UPDATE),
     a AS (SELECT c.user_id, sum(c.charged) AS total, sum(c.hold_amount) AS held FROM c JOIN lk ON lk.id = c.user_id GROUP BY c.user_id),
     u AS (
       UPDATE "User" SET held = "User".held - a.held, balance = "User".balance - a.total, "updatedAt" = now()
       FROM a WHERE "User".id = a.user_id RETURNING "User".id, "User".balance + a.total AS balance_before),
     l AS (
       INSERT INTO "LedgerEntry" ("userId", kind, amount, "balanceAfter", reference, description)
       SELECT c.user_id, 'USAGE', -c.charged,
              u.balance_before - sum(c.charged) OVER (PARTITION BY c.user_id ORDER BY c.request_id),
              'usage:' || c.request_id, c.model || ' · ' || (c.prompt + c.completion) || ' tokens'
       FROM c JOIN u ON u.id = c.user_id WHERE c.charged > 0
       ORDER BY c.user_id, c.request_id),
     g AS (
       INSERT INTO "UsageLog" ("requestId", "userId", "apiKeyId", model, provider, "promptTokens", "completionTokens",
         "cachedTokens", cost, estimated, stream, status, "latencyMs", "ttftMs", "reasoningTokens", channel, api)
       SELECT request_id, user_id, api_key_id, model, provider, prompt, completion, cached, charged, estimated, stream, status, latency, ttft, reasoning, channel, api FROM c),
     d AS (
       INSERT INTO "UsageDaily" ("userId", day, model, "apiKeyId", requests, "promptTokens", "completionTokens", cost)
       SELECT user_id, (now() AT TIME ZONE 'UTC')::date, model, api_key_id, count(*), sum(prompt), sum(completion), sum(charged)
       FROM c GROUP BY user_id, model, api_key_id
       ON CONFLICT ("userId", day, model, "apiKeyId") DO UPDATE SET
         requests = "UsageDaily".requests + EXCLUDED.requests,
         "promptTokens" = "UsageDaily"."promptTokens" + EXCLUDED."promptTokens",
         "completionTokens" = "UsageDaily"."completionTokens" + EXCLUDED."completionTokens",
         cost = "UsageDaily".cost + EXCLUDED.cost),
     -- Per key: lastUsedAt (to the minute) and, for holds counted against a spend limit, the
     -- period's spend (restarted when the counter belongs to an earlier period) and its open holds.
     -- Joined to u, so each key's row is locked after its account's, as placeHold does.
     ka AS (SELECT c.api_key_id, sum(c.charged) FILTER (WHERE c.key_limited) AS spent,
                   sum(c.hold_amount) FILTER (WHERE c.key_limited) AS held
            FROM c JOIN u ON u.id = c.user_id GROUP BY c.api_key_id),
     k AS (UPDATE "ApiKey" SET
             "lastUsedAt" = CASE WHEN "lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute' THEN now() ELSE "lastUsedAt" END,
             held = "ApiKey".held - coalesce(ka.held, 0),
             spent = CASE WHEN ka.spent IS NULL THEN "ApiKey".spent
                          WHEN "spentSince" = ${periodStartSql('"spendPeriod"')} THEN "ApiKey".spent + ka.spent ELSE ka.spent END,
             "spentSince" = CASE WHEN ka.spent IS NULL THEN "spentSince" ELSE ${periodStartSql('"spendPeriod"')} END
           FROM ka WHERE "ApiKey".id = ka.api_key_id
             AND (ka.held IS NOT NULL OR "lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute'))
     SELECT request_id, charged::text AS charged FROM c`,
    [
      column((s) => s.requestId), column((s) => s.cost.toString()), column((s) => s.apiKeyId), column((s) => s.model),
      column((s) => s.provider), column((s) => s.promptTokens), column((s) => s.completionTokens), column((s) => s.cachedTokens),
      column((s) => s.estimated), column((s) => s.stream), column((s) => s.status), column((s) => s.latencyMs), column((s) => s.ttftMs),
      column((s) => s.reasoningTokens ?? 0), column((s) => s.channel ?? null), column((s) => s.api ?? "chat"),
    ],
  );
  return new Map(rows.map((r) => [r.request_id, BigInt(r.charged)]));
}

/** Settle one request (see settleMany): the amount charged, or null when its hold was already closed. */
export async function settle(s: Settlement, db: Queryable = pool()): Promise<bigint | null> {
  return (await settleMany([s], db)).get(s.requestId) ?? null;
}

/**
 * Close the holds whose process died (older than their expiry): a stream that recorded its
 * progress (lib/billing/stream-progress.ts) is billed for what it delivered, every other hold is
 * released. Progress rows left without a hold are dropped. Returns how many holds were closed.
 */
export async function sweepExpiredHolds(): Promise<number> {
  const { rows: progress } = await pool().query<{ settlement: Record<string, unknown> }>(
    `SELECT p.settlement FROM "StreamProgress" p JOIN "Hold" h ON h."requestId" = p."requestId" WHERE h."expiresAt" < now()`,
  );
  const settlements = progress.map((p) => settlementFromProgress(p.settlement));
  const billed = settlements.length ? (await settleMany(settlements)).size : 0;
  const { rows } = await pool().query<{ n: string }>(
    `WITH h AS (DELETE FROM "Hold" WHERE "expiresAt" < now() RETURNING "userId", "apiKeyId", amount),
     s AS (SELECT "userId", sum(amount) AS total, count(*) AS n FROM h GROUP BY "userId"),
     u AS (UPDATE "User" SET held = held - s.total FROM s WHERE "User".id = s."userId" RETURNING s."userId", s.n),
     ks AS (SELECT "apiKeyId", sum(amount) AS total FROM h WHERE "apiKeyId" IS NOT NULL AND "userId" IN (SELECT "userId" FROM u) GROUP BY "apiKeyId"),
     k AS (UPDATE "ApiKey" SET held = "ApiKey".held - ks.total FROM ks WHERE "ApiKey".id = ks."apiKeyId")
     SELECT coalesce(sum(n), 0)::text AS n FROM u`,
  );
  // Rows just billed, and rows whose stream settled (or whose hold went) over a minute ago.
  await pool().query(
    `DELETE FROM "StreamProgress" p WHERE p."requestId" = ANY($1::text[])
       OR (p."updatedAt" < now() - interval '1 minute' AND NOT EXISTS (SELECT 1 FROM "Hold" h WHERE h."requestId" = p."requestId"))`,
    [settlements.map((s) => s.requestId)],
  );
  return billed + Number(rows[0]?.n ?? 0);
}

export type Drift = { userId: string; email: string; balance: bigint; ledgerSum: bigint; held: bigint; holdSum: bigint };

/** Accounts whose cached balance or held amount disagrees with their ledger or holds. */
export async function findDrift(): Promise<Drift[]> {
  const { rows } = await pool().query<Record<string, string>>(
    `SELECT u.id, u.email, u.balance::text, u.held::text,
            coalesce((SELECT sum(amount) FROM "LedgerEntry" l WHERE l."userId" = u.id), 0)::text AS ledger_sum,
            coalesce((SELECT sum(amount) FROM "Hold" h WHERE h."userId" = u.id), 0)::text AS hold_sum
     FROM "User" u`,
  );
  return rows
    .map((r) => ({
      userId: r.id, email: r.email, balance: BigInt(r.balance), ledgerSum: BigInt(r.ledger_sum),
      held: BigInt(r.held), holdSum: BigInt(r.hold_sum),
    }))
    .filter((d) => d.balance !== d.ledgerSum || d.held !== d.holdSum);
}
