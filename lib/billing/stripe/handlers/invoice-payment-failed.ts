// invoice.payment_failed – a renewal charge failed: mark the subscription past_due. The plan
// stays Pro while Stripe retries; its retries end in customer.subscription.updated/deleted,
// which decide the plan.
import type Stripe from "stripe";
import { stripeId, type WebhookContext } from "../context";
import { syncSubscription } from "../subscription-sync";
import { invoiceSubscriptionId } from "./invoice-paid";

// Handle invoice.payment_failed.
export async function onInvoicePaymentFailed(event: Stripe.InvoicePaymentFailedEvent, ctx: WebhookContext): Promise<void> {
  const invoice = event.data.object;
  const subscriptionId = invoiceSubscriptionId(invoice);
  // A failed first payment happens inside Checkout, which asks for another card: nothing to record.
  if (!subscriptionId || invoice.billing_reason === "subscription_create") return;
  await syncSubscription(ctx, { customerId: stripeId(invoice.customer), subscriptionId, status: "past_due" });
}
