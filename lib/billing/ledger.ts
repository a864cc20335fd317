// The append-only ledger. Every statement here is a single SQL statement, so each
// balance change and its ledger row commit together; `reference` makes each idempotent.
import type pg from "pg";
import { pool, reservationPool } from "../db";
import { settlementFromProgress } from "./stream-progress";
import type { LedgerKind } from "../generated/prisma/enums";
import { periodStartSql } from "../keys/spend-period";
import { returnExpiredLeases } from "./leases";

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
  /** Held against this credit lease (lib/billing/lease-pool.ts), for `leaseHold`; absent: a Hold row. */
  leaseId?: string | null;
  leaseHold?: bigint;
};

/** A usage row's columns, and the values a settlement CTE row gives them. */
const USAGE_COLUMNS = `"requestId", "userId", "apiKeyId", model, provider, "promptTokens", "completionTokens", "cachedTokens", cost, estimated, stream, status, "latencyMs", "ttftMs", "reasoningTokens", channel, api`;
const USAGE_VALUES = "request_id, owner, api_key_id, model, provider, prompt, completion, cached, charged, estimated, stream, status, latency, ttft, reasoning, channel, api";

/**
 * Close requests' holds: charge each its cost (never more than its hold) and write, per
 * request, the ledger row (with the balance after it), the usage row, the daily aggregate
 * and the key's lastUsedAt (to the minute) — all in one statement, so a request is billed
 * exactly once. A request held by a Hold row is charged only while that row is open (deleting
 * it claims the request). A request held against a credit lease is claimed by its usage row
 * (unique request id: a retry or a second sweep inserts nothing) and charged only while its lease
 * stands; its charge leaves the lease and `held` together, so the account's spendable balance is
 * unchanged and the rest of the hold is back in the lease. Returns the amount charged per request
 * id; a request already settled (or whose hold or lease was closed) is absent. One statement also
 * means each account's row is locked only while it runs.
 */
export async function settleMany(batch: Settlement[], db: Queryable = pool()): Promise<Map<string, bigint>> {
  const column = <T>(pick: (s: Settlement) => T) => batch.map(pick);
  // Named: each connection plans this statement once, not on every batch.
  const { rows } = await db.query<{ request_id: string; charged: string }>({
    name: "settle-many",
    text: `WITH i AS (
       SELECT DISTINCT ON (request_id) * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[],
                            $9::bool[], $10::bool[], $11::text[], $12::int[], $13::int[], $14::int[], $15::text[], $16::text[], $17::text[], $18::bigint[], $19::text[])
         AS t(request_id, cost, api_key_id, model, provider, prompt, completion, cached, estimated, stream, status, latency, ttft, reasoning, channel, api, lease_id, lease_hold, user_id)),
     h AS (DELETE FROM "Hold" USING i WHERE "Hold"."requestId" = i.request_id AND i.lease_id IS NULL
           RETURNING "Hold"."requestId", "Hold"."userId", "Hold"."apiKeyId", "Hold".amount),
     -- Lock the accounts in one order, so concurrent batches (other instances) cannot deadlock; then their leases.
     lk AS (SELECT id FROM "User" WHERE id IN (SELECT "userId" FROM h UNION SELECT user_id FROM i WHERE lease_id IS NOT NULL) ORDER BY id FOR UPDATE),
     ll AS (SELECT id, "userId" FROM "CreditLease" WHERE id IN (SELECT lease_id FROM i) AND "userId" IN (SELECT id FROM lk) ORDER BY id FOR UPDATE),
     -- unheld: what leaves User.held — a Hold row's whole amount; for a lease, only the charge.
     hc AS (SELECT i.*, h."userId" AS owner, LEAST(i.cost, h.amount) AS charged, h.amount AS unheld, h."apiKeyId" IS NOT NULL AS key_limited
            FROM i JOIN h ON h."requestId" = i.request_id),
     lc AS (SELECT i.*, ll."userId" AS owner, LEAST(i.cost, i.lease_hold) AS charged, LEAST(i.cost, i.lease_hold) AS unheld, false AS key_limited
            FROM i JOIN ll ON ll.id = i.lease_id AND ll."userId" = i.user_id),
     lg AS (INSERT INTO "UsageLog" (${USAGE_COLUMNS}) SELECT ${USAGE_VALUES} FROM lc
            ON CONFLICT ("requestId") DO NOTHING RETURNING "requestId"),
     c AS (SELECT * FROM hc UNION ALL SELECT lc.* FROM lc JOIN lg ON lg."requestId" = lc.request_id),
     a AS (SELECT c.owner, sum(c.charged) AS total, sum(c.unheld) AS unheld FROM c JOIN lk ON lk.id = c.owner GROUP BY c.owner),
     u AS (
       UPDATE "User" SET held = "User".held - a.unheld, balance = "User".balance - a.total, "updatedAt" = now()
       FROM a WHERE "User".id = a.owner RETURNING "User".id, "User".balance + a.total AS balance_before),
     le AS (
       UPDATE "CreditLease" SET amount = "CreditLease".amount - x.total
       FROM (SELECT lease_id, sum(charged) AS total FROM c WHERE lease_id IS NOT NULL GROUP BY lease_id) x
       WHERE "CreditLease".id = x.lease_id),
     l AS (
       INSERT INTO "LedgerEntry" ("userId", kind, amount, "balanceAfter", reference, description)
       SELECT c.owner, 'USAGE', -c.charged,
              u.balance_before - sum(c.charged) OVER (PARTITION BY c.owner ORDER BY c.request_id),
              'usage:' || c.request_id, c.model || ' · ' || (c.prompt + c.completion) || ' tokens'
       FROM c JOIN u ON u.id = c.owner WHERE c.charged > 0
       ORDER BY c.owner, c.request_id),
     g AS (INSERT INTO "UsageLog" (${USAGE_COLUMNS}) SELECT ${USAGE_VALUES} FROM hc),
     d AS (
       INSERT INTO "UsageDaily" ("userId", day, model, "apiKeyId", requests, "promptTokens", "completionTokens", cost)
       SELECT owner, (now() AT TIME ZONE 'UTC')::date, model, api_key_id, count(*), sum(prompt), sum(completion), sum(charged)
       FROM c GROUP BY owner, model, api_key_id
       ON CONFLICT ("userId", day, model, "apiKeyId") DO UPDATE SET
         requests = "UsageDaily".requests + EXCLUDED.requests,
         "promptTokens" = "UsageDaily"."promptTokens" + EXCLUDED."promptTokens",
         "completionTokens" = "UsageDaily"."completionTokens" + EXCLUDED."completionTokens",
         cost = "UsageDaily".cost + EXCLUDED.cost),
     -- Per key: lastUsedAt (to the minute) and, for holds counted against a spend limit, the
     -- period's spend (restarted when the counter belongs to an earlier period) and its open holds.
     -- Joined to u, so each key's row is locked after its account's, as placeHold does.
     ka AS (SELECT c.api_key_id, sum(c.charged) FILTER (WHERE c.key_limited) AS spent,
                   sum(c.unheld) FILTER (WHERE c.key_limited) AS held
            FROM c JOIN u ON u.id = c.owner GROUP BY c.api_key_id),
     k AS (UPDATE "ApiKey" SET
             "lastUsedAt" = CASE WHEN "lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute' THEN now() ELSE "lastUsedAt" END,
             held = "ApiKey".held - coalesce(ka.held, 0),
             spent = CASE WHEN ka.spent IS NULL THEN "ApiKey".spent
                          WHEN "spentSince" = ${periodStartSql('"spendPeriod"')} THEN "ApiKey".spent + ka.spent ELSE ka.spent END,
             "spentSince" = CASE WHEN ka.spent IS NULL THEN "spentSince" ELSE ${periodStartSql('"spendPeriod"')} END
           FROM ka WHERE "ApiKey".id = ka.api_key_id
             AND (ka.held IS NOT NULL OR "lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute'))
     SELECT request_id, charged::text AS charged FROM c`,
    values: [
      column((s) => s.requestId), column((s) => s.cost.toString()), column((s) => s.apiKeyId), column((s) => s.model),
      column((s) => s.provider), column((s) => s.promptTokens), column((s) => s.completionTokens), column((s) => s.cachedTokens),
      column((s) => s.estimated), column((s) => s.stream), column((s) => s.status), column((s) => s.latencyMs), column((s) => s.ttftMs),
      column((s) => s.reasoningTokens ?? 0), column((s) => s.channel ?? null), column((s) => s.api ?? "chat"),
      column((s) => s.leaseId ?? null), column((s) => s.leaseHold?.toString() ?? null), column((s) => s.userId),
    ],
  });
  return new Map(rows.map((r) => [r.request_id, BigInt(r.charged)]));
}

/** Settle one request (see settleMany): the amount charged, or null when it was already settled or its hold closed. */
export async function settle(s: Settlement, db: Queryable = pool()): Promise<bigint | null> {
  return (await settleMany([s], db)).get(s.requestId) ?? null;
}

/**
 * Close the holds and credit leases whose process died (past their expiry): a stream that
 * recorded its progress (lib/billing/stream-progress.ts) is billed for what it delivered, then
 * every expired hold and lease is returned to its account. Progress rows left without a hold or
 * lease are dropped. Returns how many holds and leases were closed.
 */
export async function sweepExpiredHolds(): Promise<number> {
  const { rows: progress } = await pool().query<{ settlement: Record<string, unknown> }>(
    `SELECT p.settlement FROM "StreamProgress" p JOIN "Hold" h ON h."requestId" = p."requestId" WHERE h."expiresAt" < now()
     UNION ALL
     SELECT p.settlement FROM "StreamProgress" p JOIN "CreditLease" l ON l.id = p.settlement->>'leaseId' WHERE l."expiresAt" < now()`,
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
  const leases = await returnExpiredLeases();
  // Rows just billed, and rows whose stream settled (or whose hold or lease went) over a minute ago.
  await pool().query(
    `DELETE FROM "StreamProgress" p WHERE p."requestId" = ANY($1::text[])
       OR (p."updatedAt" < now() - interval '1 minute' AND NOT EXISTS (SELECT 1 FROM "Hold" h WHERE h."requestId" = p."requestId")
           AND NOT EXISTS (SELECT 1 FROM "CreditLease" l WHERE l.id = p.settlement->>'leaseId'))`,
    [settlements.map((s) => s.requestId)],
  );
  return billed + Number(rows[0]?.n ?? 0) + leases;
}

/** A key whose held amount (what counts against its spend limit) disagrees with the sum of its open holds. */
export type KeyDrift = { keyId: string; held: bigint; holdSum: bigint };
export type Drift = { userId: string; email: string; balance: bigint; ledgerSum: bigint; held: bigint; holdSum: bigint; keys: KeyDrift[] };

/** Keys whose held amount disagrees with their open holds, by account. */
async function findKeyDrift(): Promise<Map<string, KeyDrift[]>> {
  const { rows } = await pool().query<{ id: string; userId: string; held: string; hold_sum: string }>(
    `SELECT k.id, k."userId", k.held::text, coalesce(h.total, 0)::text AS hold_sum
     FROM "ApiKey" k LEFT JOIN (SELECT "apiKeyId", sum(amount) AS total FROM "Hold" WHERE "apiKeyId" IS NOT NULL GROUP BY "apiKeyId") h ON h."apiKeyId" = k.id
     WHERE k.held <> coalesce(h.total, 0)`,
  );
  const byAccount = new Map<string, KeyDrift[]>();
  for (const r of rows) byAccount.set(r.userId, [...(byAccount.get(r.userId) ?? []), { keyId: r.id, held: BigInt(r.held), holdSum: BigInt(r.hold_sum) }]);
  return byAccount;
}

/**
 * Accounts whose cached balance disagrees with their ledger, whose held amount with their open holds
 * and leases (holdSum), or one of whose keys' held amount with that key's open holds.
 */
export async function findDrift(): Promise<Drift[]> {
  const [{ rows }, keys] = await Promise.all([
    pool().query<Record<string, string>>(
      `SELECT u.id, u.email, u.balance::text, u.held::text,
              coalesce((SELECT sum(amount) FROM "LedgerEntry" l WHERE l."userId" = u.id), 0)::text AS ledger_sum,
              (coalesce((SELECT sum(amount) FROM "Hold" h WHERE h."userId" = u.id), 0)
               + coalesce((SELECT sum(amount) FROM "CreditLease" c WHERE c."userId" = u.id), 0))::text AS hold_sum
       FROM "User" u`,
    ),
    findKeyDrift(),
  ]);
  return rows
    .map((r) => ({
      userId: r.id, email: r.email, balance: BigInt(r.balance), ledgerSum: BigInt(r.ledger_sum),
      held: BigInt(r.held), holdSum: BigInt(r.hold_sum), keys: keys.get(r.id) ?? [],
    }))
    .filter((d) => d.balance !== d.ledgerSum || d.held !== d.holdSum || d.keys.length > 0);
}
