// charge.succeeded – keep the charge's hosted receipt for the billing history.
import type Stripe from "stripe";
import { saveReceiptUrl } from "../../receipts";
import { stripeId, type WebhookContext } from "../context";

// Handle charge.succeeded.
export async function onChargeSucceeded(event: Stripe.ChargeSucceededEvent, ctx: WebhookContext): Promise<void> {
  const charge = event.data.object;
  const paymentIntent = stripeId(charge.payment_intent);
  if (paymentIntent && charge.receipt_url) await saveReceiptUrl(paymentIntent, charge.receipt_url, ctx.tx);
}
