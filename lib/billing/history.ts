// The ledger as a person reads it: grants, top-ups and adjustments one by one, and API usage as
// one row per UTC day, placed at the end of its day. Each row shows the running balance in that
// order (the sum of the ledger up to and including the row): every row's balance is the previous
// one plus its amount, a day's last row is the balance at the end of that day, and the newest row
// is the balance now. A grant or purchase made during a day therefore shows the balance with
// that day's usage not yet taken off (it is taken off at the day's end).
import { pool } from "../db";
import type { LedgerKind } from "../generated/prisma/enums";

export type HistoryRow = {
  kind: LedgerKind;
  /** For usage: "API usage · N requests"; otherwise the entry's own description. */
  description: string;
  amount: bigint;
  /** The running balance after this row (see the file's comment): for a day's usage, the balance at the day's end. */
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
    `WITH a AS (
       SELECT "createdAt"::date AS day, kind = 'USAGE' AS usage, min(kind::text) AS kind, sum(amount) AS amount, count(*) AS entries,
              max(id) AS last_id, max("createdAt") AS last_at, (array_agg(description ORDER BY id DESC))[1] AS description,
              (array_agg(reference ORDER BY id DESC))[1] AS reference
       FROM "LedgerEntry" WHERE "userId" = $1
       -- Each non-usage entry alone; a day's usage entries together.
       GROUP BY "createdAt"::date, kind = 'USAGE', CASE WHEN kind = 'USAGE' THEN 0 ELSE id END),
     r AS (
       -- Within a day: its other entries in order, then its usage.
       SELECT *, row_number() OVER w AS pos, sum(amount) OVER (w ROWS UNBOUNDED PRECEDING) AS balance_after
       FROM a WINDOW w AS (ORDER BY day, usage, last_id))
     SELECT p.kind, p.reference, p.description, p.amount::text, p.balance_after::text, p.entries::text, to_char(p.day, 'YYYY-MM-DD') AS day,
            (extract(epoch FROM p.last_at AT TIME ZONE 'UTC') * 1000)::bigint::text AS at_ms, t.total::text AS total
     FROM (SELECT count(*) AS total FROM r) t
     LEFT JOIN LATERAL (SELECT * FROM r ORDER BY pos DESC LIMIT $2 OFFSET $3) p ON true
     ORDER BY p.pos DESC`,
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
