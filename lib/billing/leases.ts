// Credit leases in PostgreSQL: a slice of an account's spendable balance moved into User.held
// and recorded as a CreditLease row, so a process can place its requests' holds against it in
// memory (lib/billing/lease-pool.ts). Every statement locks the account's row before the
// lease's, as settlement does (lib/billing/ledger.ts settleMany), so they never deadlock.
// A trigger on CreditLease.amount refuses any statement that would spend a lease below zero.
import { reservationPool } from "../db";

/** One change to a process's lease: give `give` back to the account, or close it (all of it back). */
export type LeaseChange = { id: string; give: bigint; close: boolean };

/**
 * What a lease statement grants: at least `need` (refused when the account's spendable balance
 * is below it), up to `want`, but never more than half of what is spendable — so a small
 * account's balance is never parked whole in one process while another one refuses it.
 */
const GRANT = `GREATEST($2::bigint, LEAST($3::bigint, (balance - held) / 2))`;

/**
 * Open a lease of `need`..`want` nano-dollars for `userId` held by `instance`. Returns the amount
 * granted, or null when the account cannot cover `need`.
 */
export async function openLease(id: string, userId: string, instance: string, need: bigint, want: bigint, ttlMs: number): Promise<bigint | null> {
  const { rows } = await reservationPool().query<{ amount: string }>(
    `WITH g AS (SELECT id, ${GRANT} AS amount FROM "User" WHERE id = $1 AND balance - held >= $2::bigint FOR UPDATE),
     u AS (UPDATE "User" SET held = "User".held + g.amount FROM g WHERE "User".id = g.id RETURNING g.amount)
     INSERT INTO "CreditLease" (id, "userId", instance, amount, "expiresAt")
     SELECT $4, $1, $5, u.amount, now() + ($6::int * interval '1 millisecond') FROM u
     RETURNING amount::text`,
    [userId, need.toString(), want.toString(), id, instance, ttlMs],
  );
  return rows.length ? BigInt(rows[0].amount) : null;
}

/**
 * Add `need`..`want` to an open lease (same grant rule as openLease). Returns the amount added;
 * "refused" when the account cannot cover `need`; "gone" when the lease is no longer there (the
 * sweeper returned it: this process must open a new one).
 */
export async function topUpLease(id: string, userId: string, need: bigint, want: bigint, ttlMs: number): Promise<bigint | "refused" | "gone"> {
  const { rows } = await reservationPool().query<{ amount: string | null; stands: boolean }>(
    `WITH g AS (SELECT id, ${GRANT} AS amount FROM "User" WHERE id = $1 AND balance - held >= $2::bigint FOR UPDATE),
     l AS (UPDATE "CreditLease" SET amount = "CreditLease".amount + g.amount, "expiresAt" = now() + ($5::int * interval '1 millisecond')
           FROM g WHERE "CreditLease".id = $4 AND "CreditLease"."userId" = g.id RETURNING g.amount),
     u AS (UPDATE "User" SET held = "User".held + l.amount FROM l WHERE "User".id = $1)
     SELECT (SELECT amount::text FROM l) AS amount, EXISTS (SELECT 1 FROM "CreditLease" WHERE id = $4) AS stands`,
    [userId, need.toString(), want.toString(), id, ttlMs],
  );
  const { amount, stands } = rows[0];
  return amount !== null ? BigInt(amount) : stands ? "refused" : "gone";
}

/**
 * Apply a process's lease changes in one statement: each lease gives back `give` (or, closed,
 * all it has left) to its account's spendable balance, and every lease named has its expiry
 * pushed `ttlMs` ahead (a lease the sweeper already returned is left alone).
 */
export async function changeLeases(changes: LeaseChange[], ttlMs: number): Promise<void> {
  if (!changes.length) return;
  await reservationPool().query(
    `WITH i AS (SELECT * FROM unnest($1::text[], $2::bigint[], $3::bool[]) AS t(id, give, close)),
     lk AS (SELECT id FROM "User" WHERE id IN (SELECT "userId" FROM "CreditLease" WHERE id IN (SELECT id FROM i)) ORDER BY id FOR UPDATE),
     kept AS (UPDATE "CreditLease" c SET amount = c.amount - i.give, "expiresAt" = now() + ($4::int * interval '1 millisecond')
              FROM i WHERE c.id = i.id AND NOT i.close AND c."userId" IN (SELECT id FROM lk) RETURNING c."userId", i.give),
     closed AS (DELETE FROM "CreditLease" c USING i WHERE c.id = i.id AND i.close AND c."userId" IN (SELECT id FROM lk)
                RETURNING c."userId", c.amount AS give),
     s AS (SELECT "userId", sum(give) AS give FROM (SELECT * FROM kept UNION ALL SELECT * FROM closed) x GROUP BY "userId")
     UPDATE "User" SET held = "User".held - s.give FROM s WHERE "User".id = s."userId" AND s.give <> 0`,
    [changes.map((c) => c.id), changes.map((c) => c.give.toString()), changes.map((c) => c.close), ttlMs],
  );
}

/** Return every expired lease (its process stopped renewing it: dead) to its account. Returns how many. */
export async function returnExpiredLeases(): Promise<number> {
  const { rows } = await reservationPool().query<{ n: string }>(
    `WITH lk AS (SELECT id FROM "User" WHERE id IN (SELECT "userId" FROM "CreditLease" WHERE "expiresAt" < now()) ORDER BY id FOR UPDATE),
     d AS (DELETE FROM "CreditLease" WHERE "expiresAt" < now() AND "userId" IN (SELECT id FROM lk) RETURNING "userId", amount),
     s AS (SELECT "userId", sum(amount) AS total, count(*) AS n FROM d GROUP BY "userId"),
     u AS (UPDATE "User" SET held = "User".held - s.total FROM s WHERE "User".id = s."userId")
     SELECT coalesce(sum(n), 0)::text AS n FROM s`,
  );
  return Number(rows[0]?.n ?? 0);
}
