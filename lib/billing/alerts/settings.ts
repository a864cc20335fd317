// An account's spend settings: the low-balance threshold, auto top-up, the saved card, and the
// billing details Checkout collected. Rows are made on first write; reads fall back to defaults.
import { pool, prisma } from "../../db";
import type { Queryable } from "../ledger";

/** $1, in nano-dollars: the low-balance threshold until the customer picks another. */
export const DEFAULT_LOW_BALANCE_THRESHOLD = 1_000_000_000n;

export type BillingAddress = { line1: string | null; line2: string | null; city: string | null; state: string | null; postal_code: string | null; country: string | null };

export type BillingDetails = { name: string | null; address: BillingAddress | null; taxId: string | null };

export type SpendSettings = {
  lowBalanceThreshold: bigint;
  autoTopup: { enabled: boolean; below: bigint | null; amount: bigint | null; hasCard: boolean };
  billingDetails: BillingDetails | null;
};

/** The account's settings (defaults when it never saved any). */
export async function spendSettings(userId: string): Promise<SpendSettings> {
  const row = await prisma().accountBilling.findUnique({ where: { userId } });
  const details = row && (row.billingName || row.billingAddress || row.billingTaxId)
    ? { name: row.billingName, address: (row.billingAddress as BillingAddress | null) ?? null, taxId: row.billingTaxId }
    : null;
  return {
    lowBalanceThreshold: row?.lowBalanceThreshold ?? DEFAULT_LOW_BALANCE_THRESHOLD,
    autoTopup: { enabled: row?.autoTopupEnabled ?? false, below: row?.autoTopupBelow ?? null, amount: row?.autoTopupAmount ?? null, hasCard: Boolean(row?.autoTopupPaymentMethod) },
    billingDetails: details,
  };
}

/** Set the balance below which the account is warned (banner and e-mail). */
export async function setLowBalanceThreshold(userId: string, threshold: bigint): Promise<void> {
  await prisma().accountBilling.upsert({ where: { userId }, create: { userId, lowBalanceThreshold: threshold }, update: { lowBalanceThreshold: threshold } });
}

/** Save "when below `below`, add `amount`"; it is on only once a card is saved. Returns whether a card is still needed. */
export async function setAutoTopup(userId: string, below: bigint, amount: bigint): Promise<{ needsCard: boolean }> {
  const row = await prisma().accountBilling.upsert({
    where: { userId },
    create: { userId, autoTopupBelow: below, autoTopupAmount: amount },
    update: { autoTopupBelow: below, autoTopupAmount: amount, autoTopupArmed: true },
  });
  if (!row.autoTopupPaymentMethod) return { needsCard: true };
  await prisma().accountBilling.update({ where: { userId }, data: { autoTopupEnabled: true } });
  return { needsCard: false };
}

/** Turn auto top-up off by the customer's choice (the card stays saved). */
export async function turnOffAutoTopup(userId: string): Promise<void> {
  await prisma().accountBilling.updateMany({ where: { userId }, data: { autoTopupEnabled: false } });
}

/** Keep the card a setup checkout saved and switch auto top-up on when its amounts are set. */
export async function saveTopupCard(userId: string, paymentMethod: string, db: Queryable = pool()): Promise<void> {
  await db.query(
    `INSERT INTO "AccountBilling" ("userId", "autoTopupPaymentMethod", "updatedAt") SELECT id, $2, now() FROM "User" WHERE id = $1
     ON CONFLICT ("userId") DO UPDATE SET "autoTopupPaymentMethod" = $2, "autoTopupArmed" = true,
       "autoTopupEnabled" = "AccountBilling"."autoTopupBelow" IS NOT NULL AND "AccountBilling"."autoTopupAmount" IS NOT NULL, "updatedAt" = now()`,
    [userId, paymentMethod],
  );
}

/** Keep the billing name, address and tax id Checkout collected. */
export async function saveBillingDetails(userId: string, details: BillingDetails, db: Queryable = pool()): Promise<void> {
  await db.query(
    `INSERT INTO "AccountBilling" ("userId", "billingName", "billingAddress", "billingTaxId", "updatedAt") SELECT id, $2, $3::jsonb, $4, now() FROM "User" WHERE id = $1
     ON CONFLICT ("userId") DO UPDATE SET "billingName" = $2, "billingAddress" = $3::jsonb, "billingTaxId" = $4, "updatedAt" = now()`,
    [userId, details.name, details.address ? JSON.stringify(details.address) : null, details.taxId],
  );
}

/** The balance and its alert threshold, for the dashboard's low-balance banner. */
export async function balanceStatus(userId: string): Promise<{ balance: bigint; threshold: bigint }> {
  const row = await prisma().user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true, billing: { select: { lowBalanceThreshold: true } } } });
  return { balance: row.balance, threshold: row.billing?.lowBalanceThreshold ?? DEFAULT_LOW_BALANCE_THRESHOLD };
}
