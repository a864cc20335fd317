// Stripe's hosted receipts and invoices for what an account paid: the webhook records which
// payment booked which ledger entry and, from charge.succeeded, the receipt's URL (the two
// events may arrive in either order); paid subscription invoices with their hosted page.
import { pool } from "../db";
import type { Queryable } from "./ledger";

/** Remember that this payment booked the ledger entry `ledgerReference`. */
export async function linkPayment(paymentIntentId: string, userId: string, ledgerReference: string, db: Queryable = pool()): Promise<void> {
  await db.query(
    `INSERT INTO "PaymentReceipt" ("paymentIntentId", "userId", "ledgerReference") VALUES ($1, $2, $3)
     ON CONFLICT ("paymentIntentId") DO UPDATE SET "userId" = $2, "ledgerReference" = $3`,
    [paymentIntentId, userId, ledgerReference],
  );
}

/** Remember the hosted receipt of a payment's charge. */
export async function saveReceiptUrl(paymentIntentId: string, receiptUrl: string, db: Queryable = pool()): Promise<void> {
  await db.query(
    `INSERT INTO "PaymentReceipt" ("paymentIntentId", "receiptUrl") VALUES ($1, $2)
     ON CONFLICT ("paymentIntentId") DO UPDATE SET "receiptUrl" = $2`,
    [paymentIntentId, receiptUrl],
  );
}

/** Record a paid subscription invoice of the account whose Stripe customer it bills (once per invoice). */
export async function recordInvoice(invoice: { id: string; customerId: string; amountNano: bigint; hostedInvoiceUrl: string | null }, db: Queryable = pool()): Promise<void> {
  await db.query(
    `INSERT INTO "SubscriptionInvoice" (id, "userId", amount, "hostedInvoiceUrl")
     SELECT $1, u.id, $3::bigint, $4 FROM "User" u WHERE u."stripeCustomerId" = $2
     ON CONFLICT (id) DO UPDATE SET "hostedInvoiceUrl" = coalesce($4, "SubscriptionInvoice"."hostedInvoiceUrl")`,
    [invoice.id, invoice.customerId, invoice.amountNano.toString(), invoice.hostedInvoiceUrl],
  );
}

/** Receipt URLs of an account's ledger entries, by ledger reference (only those that have one). */
export async function receiptUrls(userId: string, references: string[]): Promise<Map<string, string>> {
  if (!references.length) return new Map();
  const { rows } = await pool().query<{ ref: string; url: string }>(
    `SELECT "ledgerReference" AS ref, "receiptUrl" AS url FROM "PaymentReceipt"
     WHERE "userId" = $1 AND "ledgerReference" = ANY($2::text[]) AND "receiptUrl" IS NOT NULL`,
    [userId, references],
  );
  return new Map(rows.map((r) => [r.ref, r.url]));
}

export type InvoiceRow = { id: string; amount: bigint; url: string | null; paidAt: Date };

/** The account's latest paid subscription invoices, newest first. */
export async function recentInvoices(userId: string, limit = 12): Promise<InvoiceRow[]> {
  const { rows } = await pool().query<{ id: string; amount: string; url: string | null; paid_at: Date }>(
    `SELECT id, amount::text, "hostedInvoiceUrl" AS url, "paidAt" AS paid_at FROM "SubscriptionInvoice" WHERE "userId" = $1 ORDER BY "paidAt" DESC LIMIT $2`,
    [userId, limit],
  );
  return rows.map((r) => ({ id: r.id, amount: BigInt(r.amount), url: r.url, paidAt: r.paid_at }));
}
