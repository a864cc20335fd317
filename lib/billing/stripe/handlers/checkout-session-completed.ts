// checkout.session.completed – book purchased credits (once per session) or link a new Pro subscription.
import type Stripe from "stripe";
import { postEntry } from "../../ledger";
import { formatUsd } from "../../../money";
import { centsToNano } from "../amounts";
import type { CheckoutPurpose } from "../checkout";
import { stripeId, type WebhookContext } from "../context";
import { syncSubscription } from "../subscription-sync";
import { log } from "../../../log";

async function bookCredits(session: Stripe.Checkout.Session, userId: string, ctx: WebhookContext): Promise<void> {
  if (session.payment_status !== "paid") return;
  if (session.currency !== "usd" || session.amount_total === null) {
    log.warn(`[stripe] checkout ${session.id}: unexpected currency or amount; not booked`);
    return;
  }
  const amount = centsToNano(session.amount_total);
  const booked = await postEntry(
    { userId, kind: "TOPUP", amount, reference: `stripe:checkout:${session.id}`, description: `Credits purchase (${formatUsd(amount)})` },
    ctx.tx,
  );
  if (!booked) log.warn(`[stripe] checkout ${session.id}: already booked or no such account`);
}

// Handle checkout.session.completed.
export async function onCheckoutSessionCompleted(event: Stripe.CheckoutSessionCompletedEvent, ctx: WebhookContext): Promise<void> {
  const session = event.data.object;
  const userId = session.metadata?.userId ?? session.client_reference_id;
  const purpose = session.metadata?.purpose as CheckoutPurpose | undefined;
  if (!userId) return;
  if (session.mode === "payment" && purpose === "credits") return bookCredits(session, userId, ctx);
  const subscriptionId = stripeId(session.subscription);
  if (session.mode === "subscription" && subscriptionId) {
    const paid = session.payment_status === "paid" || session.payment_status === "no_payment_required";
    await syncSubscription(ctx, { customerId: stripeId(session.customer), subscriptionId, status: paid ? "active" : null, userId });
  }
}
