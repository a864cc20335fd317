// Which accounts' balances crossed a line since the last look: the low-balance threshold, zero,
// and the auto top-up trigger. Each crossing is claimed by one UPDATE whose WHERE re-checks the
// stored state, so when two instances look at once, PostgreSQL lets only one of them flip it
// (the other waits on the row, re-reads it and finds the state already moved): one e-mail and
// one charge per crossing. Moving back up re-arms.
import { pool } from "../../db";

/** Where a balance stands: 0 at or above the threshold, 1 below it, 2 at or below zero. */
export type AlertLevel = 0 | 1 | 2;

export type AlertCrossing = { userId: string; email: string; level: 1 | 2; balance: bigint; threshold: bigint };

export type TopupCrossing = { userId: string; seq: number; customerId: string; paymentMethod: string; amount: bigint };

const LEVEL = `CASE WHEN u.balance <= 0 THEN 2 WHEN u.balance < b."lowBalanceThreshold" THEN 1 ELSE 0 END`;

/** The schema's default low-balance threshold ($1), for accounts that have no settings row yet. */
const DEFAULT_THRESHOLD = 1_000_000_000n;

/**
 * Of these accounts, those whose balance stands on another side of a line than their stored
 * state says: the only ones the claims below can change. One read, so a settlement batch of
 * accounts far from every line (nearly all of them) costs one statement.
 */
export async function accountsToLook(userIds: string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const { rows } = await pool().query<{ id: string }>(
    `SELECT u.id FROM "User" u LEFT JOIN "AccountBilling" b ON b."userId" = u.id
     WHERE u.id = ANY($1::text[]) AND (
       (CASE WHEN u.balance <= 0 THEN 2 WHEN u.balance < coalesce(b."lowBalanceThreshold", $2::bigint) THEN 1 ELSE 0 END) <> coalesce(b."alertLevel", 0)
       OR (b."autoTopupEnabled" AND b."autoTopupArmed" = (u.balance < b."autoTopupBelow")))`,
    [userIds, DEFAULT_THRESHOLD.toString()],
  );
  return rows.map((r) => r.id);
}

/** Make the settings rows of these accounts (defaults) where they have none yet. */
async function ensureRows(userIds: string[]): Promise<void> {
  await pool().query(
    `INSERT INTO "AccountBilling" ("userId", "updatedAt")
     SELECT u.id, now() FROM "User" u WHERE u.id = ANY($1::text[])
     ON CONFLICT ("userId") DO NOTHING`,
    [userIds],
  );
}

/** Claim each downward crossing of the low-balance threshold or of zero; re-arm the accounts back above. */
export async function claimAlertCrossings(userIds: string[]): Promise<AlertCrossing[]> {
  if (!userIds.length) return [];
  await ensureRows(userIds);
  const { rows } = await pool().query<{ user_id: string; email: string; level: number; balance: string; threshold: string }>(
    `UPDATE "AccountBilling" b SET "alertLevel" = ${LEVEL}, "updatedAt" = now()
     FROM "User" u
     WHERE b."userId" = u.id AND u.id = ANY($1::text[]) AND u."deletedAt" IS NULL AND b."alertLevel" < ${LEVEL}
     RETURNING b."userId" AS user_id, u.email, b."alertLevel" AS level, u.balance::text, b."lowBalanceThreshold"::text AS threshold`,
    [userIds],
  );
  await pool().query(
    `UPDATE "AccountBilling" b SET "alertLevel" = ${LEVEL}, "updatedAt" = now()
     FROM "User" u
     WHERE b."userId" = u.id AND u.id = ANY($1::text[]) AND b."alertLevel" > ${LEVEL}`,
    [userIds],
  );
  return rows.map((r) => ({ userId: r.user_id, email: r.email, level: r.level as 1 | 2, balance: BigInt(r.balance), threshold: BigInt(r.threshold) }));
}

/** Claim each crossing below an account's auto top-up line (disarming it until the balance is back above); re-arm the rest. */
export async function claimTopupCrossings(userIds: string[]): Promise<TopupCrossing[]> {
  if (!userIds.length) return [];
  const { rows } = await pool().query<{ user_id: string; seq: number; customer: string; pm: string; amount: string }>(
    `UPDATE "AccountBilling" b SET "autoTopupArmed" = false, "autoTopupSeq" = b."autoTopupSeq" + 1, "updatedAt" = now()
     FROM "User" u
     WHERE b."userId" = u.id AND u.id = ANY($1::text[]) AND u."deletedAt" IS NULL
       AND b."autoTopupEnabled" AND b."autoTopupArmed" AND u.balance < b."autoTopupBelow"
       AND b."autoTopupPaymentMethod" IS NOT NULL AND b."autoTopupAmount" > 0 AND u."stripeCustomerId" IS NOT NULL
     RETURNING b."userId" AS user_id, b."autoTopupSeq" AS seq, u."stripeCustomerId" AS customer,
               b."autoTopupPaymentMethod" AS pm, b."autoTopupAmount"::text AS amount`,
    [userIds],
  );
  await pool().query(
    `UPDATE "AccountBilling" b SET "autoTopupArmed" = true, "updatedAt" = now()
     FROM "User" u
     WHERE b."userId" = u.id AND u.id = ANY($1::text[]) AND NOT b."autoTopupArmed" AND u.balance >= b."autoTopupBelow"`,
    [userIds],
  );
  return rows.map((r) => ({ userId: r.user_id, seq: r.seq, customerId: r.customer, paymentMethod: r.pm, amount: BigInt(r.amount) }));
}

/** Re-arm a disarmed auto top-up whose charge could not be started (Stripe unreachable), so the next crossing tries again. */
export async function rearmTopup(userId: string): Promise<void> {
  await pool().query(`UPDATE "AccountBilling" SET "autoTopupArmed" = true, "updatedAt" = now() WHERE "userId" = $1`, [userId]);
}
