// payment_intent.payment_failed – an auto top-up's card was declined: turn auto top-up off and
// tell the customer (once, whichever of this event and the declined API call comes first).
import type Stripe from "stripe";
import { AUTO_TOPUP_PURPOSE, declineReason, disableAutoTopup } from "../../alerts/auto-topup";
import { mailTopupDeclined } from "../../alerts/mail";
import type { WebhookContext } from "../context";

// Handle payment_intent.payment_failed.
export async function onPaymentIntentFailed(event: Stripe.PaymentIntentPaymentFailedEvent, ctx: WebhookContext): Promise<void> {
  const intent = event.data.object;
  const userId = intent.metadata?.userId;
  if (!userId || intent.metadata?.purpose !== AUTO_TOPUP_PURPOSE) return;
  const off = await disableAutoTopup(userId, ctx.tx);
  if (off) ctx.afterCommit(() => mailTopupDeclined(off.email, off.amount, declineReason(intent.last_payment_error)));
}
