// Auto top-up: charge the saved card off-session when a crossing is claimed. The charge only
// starts here; the credit is booked by the payment_intent.succeeded webhook, like any purchase.
// A declined card turns auto top-up off and tells the customer.
import { pool } from "../../db";
import { log } from "../../log";
import { nanoToCents } from "../stripe/amounts";
import { stripeClient } from "../stripe/client";
import type { Queryable } from "../ledger";
import { rearmTopup, type TopupCrossing } from "./crossings";
import { mailTopupDeclined } from "./mail";

/** What a Stripe error says of itself, as far as the customer's e-mail needs. */
type StripeError = { type?: unknown; decline_code?: string | null; code?: string | null; message?: string | null };

/** Metadata `purpose` of the PaymentIntents started here; the webhook books only these. */
export const AUTO_TOPUP_PURPOSE = "auto_topup";

/** Turn auto top-up off (once); returns who to tell and the amount, or null when it was already off. */
export async function disableAutoTopup(userId: string, db: Queryable = pool()): Promise<{ email: string; amount: bigint } | null> {
  const { rows } = await db.query<{ email: string; amount: string }>(
    `UPDATE "AccountBilling" b SET "autoTopupEnabled" = false, "updatedAt" = now() FROM "User" u
     WHERE b."userId" = $1 AND u.id = b."userId" AND b."autoTopupEnabled"
     RETURNING u.email, coalesce(b."autoTopupAmount", 0)::text AS amount`,
    [userId],
  );
  return rows[0] ? { email: rows[0].email, amount: BigInt(rows[0].amount) } : null;
}

/** Turn auto top-up off after a decline and e-mail the customer, unless another path already did. */
export async function declineAutoTopup(userId: string, reason: string): Promise<void> {
  const off = await disableAutoTopup(userId);
  if (off) await mailTopupDeclined(off.email, off.amount, reason);
}

/** What a declined card error says, for the e-mail: Stripe's decline code or error code. */
export function declineReason(error: StripeError | null | undefined): string {
  return error?.decline_code ?? error?.code ?? error?.message ?? "card declined";
}

/** Start the off-session charge of one claimed crossing; the idempotency key makes a retry the same charge. */
export async function startAutoTopup(crossing: TopupCrossing): Promise<void> {
  const stripe = await stripeClient();
  if (!stripe) {
    log.warn(`[auto top-up] account ${crossing.userId}: Stripe is not configured; not charged`);
    return;
  }
  try {
    await stripe.paymentIntents.create(
      {
        amount: nanoToCents(crossing.amount),
        currency: "usd",
        customer: crossing.customerId,
        payment_method: crossing.paymentMethod,
        confirm: true,
        off_session: true,
        description: "SIB AI credits (auto top-up)",
        metadata: { userId: crossing.userId, purpose: AUTO_TOPUP_PURPOSE, crossing: String(crossing.seq) },
      },
      { idempotencyKey: `auto-topup-${crossing.userId}-${crossing.seq}` },
    );
  } catch (err) {
    const stripeError = err as StripeError; // its `type` names Stripe's error class, as its docs switch on it
    if (stripeError.type === "StripeCardError") {
      const reason = declineReason(stripeError);
      log.warn(`[auto top-up] account ${crossing.userId}: card declined (${reason}); auto top-up turned off`);
      await declineAutoTopup(crossing.userId, reason);
      return;
    }
    log.error(`[auto top-up] account ${crossing.userId}: could not start the charge (${typeof stripeError.type === "string" ? stripeError.type : stripeError.message}); will try at the next crossing`);
    await rearmTopup(crossing.userId);
  }
}
