// The ledger as a person reads it: grants, top-ups and adjustments one by one, usage summed
// per day, each row with the balance after it. Usage rows are grouped only while nothing
// else happens in between, so every row's balance is the previous one plus its amount.
import { pool } from "../db";
import type { LedgerKind } from "../generated/prisma/enums";

export type HistoryRow = {
  kind: LedgerKind;
  /** For usage: "API usage · N requests"; otherwise the entry's own description. */
  description: string;
  amount: bigint;
  balanceAfter: bigint;
  /** How many ledger entries the row sums (1 except for usage). */
  entries: number;
  /** The last entry's time (for usage, the day's last request). */
  at: Date;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** The (last) entry's ledger reference: what a receipt is looked up by. */
  reference: string;
};

export type HistoryPage = { rows: HistoryRow[]; page: number; pages: number; total: number; pageSize: number };

type Raw = { kind: LedgerKind | null; reference: string; description: string; amount: string; balance_after: string; entries: string; at_ms: string; day: string; total: string };

/** One page (1-based, newest first) of an account's ledger history. */
export async function ledgerHistory(userId: string, page = 1, pageSize = 20): Promise<HistoryPage> {
  const current = Math.max(1, Math.floor(page));
  const { rows } = await pool().query<Raw>(
    `WITH e AS (
       SELECT id, kind, amount, "balanceAfter", description, reference, "createdAt", "createdAt"::date AS day,
              lag(kind) OVER (ORDER BY id) AS prev_kind, lag("createdAt"::date) OVER (ORDER BY id) AS prev_day
       FROM "LedgerEntry" WHERE "userId" = $1),
     g AS (
       SELECT *, sum(CASE WHEN kind = 'USAGE' AND prev_kind = 'USAGE' AND prev_day = day THEN 0 ELSE 1 END) OVER (ORDER BY id) AS grp
       FROM e),
     a AS (
       SELECT grp, min(kind::text) AS kind, sum(amount) AS amount, count(*) AS entries, min(day) AS day,
              max("createdAt") AS last_at,
              (array_agg("balanceAfter" ORDER BY id DESC))[1] AS balance_after,
              (array_agg(description ORDER BY id DESC))[1] AS description,
              (array_agg(reference ORDER BY id DESC))[1] AS reference
       FROM g GROUP BY grp)
     SELECT p.kind, p.reference, p.description, p.amount::text, p.balance_after::text, p.entries::text, to_char(p.day, 'YYYY-MM-DD') AS day,
            (extract(epoch FROM p.last_at AT TIME ZONE 'UTC') * 1000)::bigint::text AS at_ms, t.total::text AS total
     FROM (SELECT count(*) AS total FROM a) t
     LEFT JOIN LATERAL (SELECT * FROM a ORDER BY grp DESC LIMIT $2 OFFSET $3) p ON true
     ORDER BY p.grp DESC`,
    [userId, pageSize, (current - 1) * pageSize],
  );
  const total = Number(rows[0]?.total ?? 0);
  return {
    rows: rows.flatMap((r) => (r.kind === null ? [] : [{
      kind: r.kind,
      description: r.kind === "USAGE" ? `API usage · ${r.entries} ${r.entries === "1" ? "request" : "requests"}` : r.description,
      amount: BigInt(r.amount),
      balanceAfter: BigInt(r.balance_after),
      entries: Number(r.entries),
      at: new Date(Number(r.at_ms)),
      day: r.day,
      reference: r.reference,
    }])),
    page: current,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    total,
    pageSize,
  };
}
