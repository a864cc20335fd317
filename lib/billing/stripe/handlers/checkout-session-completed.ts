// checkout.session.completed – book purchased credits (once per session) or link a new Pro
// subscription, and keep the billing details the customer entered.
import type Stripe from "stripe";
import { postEntry } from "../../ledger";
import { formatUsd } from "../../../money";
import { centsToNano } from "../amounts";
import type { CheckoutPurpose } from "../checkout";
import { stripeId, type WebhookContext } from "../context";
import { syncSubscription } from "../subscription-sync";
import { log } from "../../../log";
import { saveBillingDetails, type BillingDetails } from "../../alerts/settings";
import { linkPayment } from "../../receipts";

async function bookCredits(session: Stripe.Checkout.Session, userId: string, ctx: WebhookContext): Promise<void> {
  if (session.payment_status !== "paid") return;
  if (session.currency !== "usd" || session.amount_total === null) {
    log.warn(`[stripe] checkout ${session.id}: unexpected currency or amount; not booked`);
    return;
  }
  const amount = centsToNano(session.amount_total);
  const reference = `stripe:checkout:${session.id}`;
  const booked = await postEntry(
    { userId, kind: "TOPUP", amount, reference, description: `Credits purchase (${formatUsd(amount)})` },
    ctx.tx,
  );
  if (!booked) log.warn(`[stripe] checkout ${session.id}: already booked or no such account`);
  const paymentIntent = stripeId(session.payment_intent);
  if (paymentIntent) await linkPayment(paymentIntent, userId, reference, ctx.tx);
}

/** The billing name, address and tax id a payment session collected; null when it collected none. */
function billingDetails(session: Stripe.Checkout.Session): BillingDetails | null {
  const details = session.customer_details;
  if (!details?.address && !details?.tax_ids?.length) return null;
  const tax = details.tax_ids?.[0];
  const a = details.address;
  return {
    name: details.name ?? null,
    address: a ? { line1: a.line1, line2: a.line2, city: a.city, state: a.state, postal_code: a.postal_code, country: a.country } : null,
    taxId: tax?.value ? `${tax.type.toUpperCase().replace("_", " ")} ${tax.value}` : null,
  };
}

// Handle checkout.session.completed.
export async function onCheckoutSessionCompleted(event: Stripe.CheckoutSessionCompletedEvent, ctx: WebhookContext): Promise<void> {
  const session = event.data.object;
  const userId = session.metadata?.userId ?? session.client_reference_id;
  const purpose = session.metadata?.purpose as CheckoutPurpose | undefined;
  if (!userId) return;
  const details = billingDetails(session);
  if (details) await saveBillingDetails(userId, details, ctx.tx);
  if (session.mode === "payment" && purpose === "credits") return bookCredits(session, userId, ctx);
  const subscriptionId = stripeId(session.subscription);
  if (session.mode === "subscription" && subscriptionId) {
    const paid = session.payment_status === "paid" || session.payment_status === "no_payment_required";
    await syncSubscription(ctx, { customerId: stripeId(session.customer), subscriptionId, status: paid ? "active" : null, userId });
  }
}
