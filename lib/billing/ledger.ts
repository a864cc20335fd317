// The append-only ledger. Every statement here is a single SQL statement, so each
// balance change and its ledger row commit together; `reference` makes each idempotent.
import type pg from "pg";
import { pool, reservationPool } from "../db";
import type { LedgerKind } from "../generated/prisma/enums";

/** The pool, or one client inside an open transaction (its caller commits). */
export type Queryable = pg.Pool | pg.PoolClient;

const UNIQUE_VIOLATION = "23505";

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === UNIQUE_VIOLATION;
}

/**
 * Add a signed amount to a balance with its ledger row. Returns false when `reference`
 * was already booked (the balance is then untouched). Pass a transaction's client as `db`
 * to book it together with other writes.
 */
export async function postEntry(
  entry: { userId: string; kind: LedgerKind; amount: bigint; reference: string; description: string },
  db: Queryable = pool(),
): Promise<boolean> {
  try {
    const { rowCount } = await db.query(
      `WITH u AS (
         UPDATE "User" SET balance = balance + $2::bigint, "updatedAt" = now()
         WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM "LedgerEntry" WHERE reference = $4)
         RETURNING id, balance)
       INSERT INTO "LedgerEntry" ("userId", kind, amount, "balanceAfter", reference, description)
       SELECT u.id, $3::"LedgerKind", $2::bigint, u.balance, $4, $5 FROM u`,
      [entry.userId, entry.amount.toString(), entry.kind, entry.reference, entry.description],
    );
    return rowCount === 1;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/**
 * Reserve `amount` of a user's spendable balance (balance − held) for a request.
 * False when it does not fit: the caller answers 402.
 */
export async function placeHold(userId: string, requestId: string, amount: bigint, ttlMs: number): Promise<boolean> {
  const { rowCount } = await reservationPool().query(
    `WITH u AS (
       UPDATE "User" SET held = held + $2::bigint
       WHERE id = $1 AND balance - held >= $2::bigint
       RETURNING id)
     INSERT INTO "Hold" ("requestId", "userId", amount, "expiresAt")
     SELECT $3, u.id, $2::bigint, now() + ($4::int * interval '1 millisecond') FROM u`,
    [userId, amount.toString(), requestId, ttlMs],
  );
  return rowCount === 1;
}

/** Give a hold back without charging (the request failed before any output). */
export async function releaseHold(requestId: string): Promise<void> {
  await reservationPool().query(
    `WITH h AS (DELETE FROM "Hold" WHERE "requestId" = $1 RETURNING "userId", amount)
     UPDATE "User" SET held = held - h.amount FROM h WHERE "User".id = h."userId"`,
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
  cost: bigint;
  estimated: boolean;
  stream: boolean;
  status: "ok" | "client_closed" | "upstream_error";
  latencyMs: number;
  ttftMs: number | null;
};

/**
 * Close a request's hold: charge its cost (never more than the hold), write the ledger
 * row, the usage row, the daily aggregate and the key's lastUsedAt (to the minute) — all in one statement,
 * and only if the hold is still open, so a request is billed exactly once.
 * Returns the amount charged, or null when the hold was already closed. Pass a
 * transaction's client as `db` to commit several settlements with one disk flush.
 */
export async function settle(s: Settlement, db: Queryable = pool()): Promise<bigint | null> {
  const { rows } = await db.query<{ charged: string }>(
    `WITH h AS (
       DELETE FROM "Hold" WHERE "requestId" = $1 RETURNING "userId", amount),
     c AS (SELECT h."userId", LEAST($2::bigint, h.amount) AS cost, h.amount AS hold_amount FROM h),
     u AS (
       UPDATE "User" SET held = "User".held - c.hold_amount, balance = balance - c.cost, "updatedAt" = now()
       FROM c WHERE "User".id = c."userId" RETURNING "User".id, "User".balance, c.cost),
     l AS (
       INSERT INTO "LedgerEntry" ("userId", kind, amount, "balanceAfter", reference, description)
       SELECT u.id, 'USAGE', -u.cost, u.balance, 'usage:' || $1, $4 || ' · ' || ($6::int + $7::int) || ' tokens'
       FROM u WHERE u.cost > 0),
     g AS (
       INSERT INTO "UsageLog" ("requestId", "userId", "apiKeyId", model, provider, "promptTokens", "completionTokens",
         "cachedTokens", cost, estimated, stream, status, "latencyMs", "ttftMs")
       SELECT $1, u.id, $3, $4, $5, $6, $7, $8, u.cost, $9, $10, $11, $12, $13 FROM u),
     d AS (
       INSERT INTO "UsageDaily" ("userId", day, model, "apiKeyId", requests, "promptTokens", "completionTokens", cost)
       SELECT u.id, (now() AT TIME ZONE 'UTC')::date, $4, $3, 1, $6, $7, u.cost FROM u
       ON CONFLICT ("userId", day, model, "apiKeyId") DO UPDATE SET
         requests = "UsageDaily".requests + 1,
         "promptTokens" = "UsageDaily"."promptTokens" + EXCLUDED."promptTokens",
         "completionTokens" = "UsageDaily"."completionTokens" + EXCLUDED."completionTokens",
         cost = "UsageDaily".cost + EXCLUDED.cost),
     k AS (UPDATE "ApiKey" SET "lastUsedAt" = now()
           WHERE id = $3 AND EXISTS (SELECT 1 FROM u)
             AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute'))
     SELECT cost::text AS charged FROM u`,
    [
      s.requestId, s.cost.toString(), s.apiKeyId, s.model, s.provider, s.promptTokens, s.completionTokens,
      s.cachedTokens, s.estimated, s.stream, s.status, s.latencyMs, s.ttftMs,
    ],
  );
  return rows.length ? BigInt(rows[0].charged) : null;
}

/** Release holds whose process died (older than their expiry). Returns how many. */
export async function sweepExpiredHolds(): Promise<number> {
  const { rows } = await pool().query<{ n: string }>(
    `WITH h AS (DELETE FROM "Hold" WHERE "expiresAt" < now() RETURNING "userId", amount),
     s AS (SELECT "userId", sum(amount) AS total, count(*) AS n FROM h GROUP BY "userId"),
     u AS (UPDATE "User" SET held = held - s.total FROM s WHERE "User".id = s."userId" RETURNING s.n)
     SELECT coalesce(sum(n), 0)::text AS n FROM u`,
  );
  return Number(rows[0]?.n ?? 0);
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
