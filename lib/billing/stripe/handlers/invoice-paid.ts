// invoice.paid – a subscription invoice was paid: the subscription is active (again), Pro stays or returns.
import type Stripe from "stripe";
import { stripeId, type WebhookContext } from "../context";
import { syncSubscription } from "../subscription-sync";

/** The subscription an invoice bills, when it bills one. */
export function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  return stripeId(invoice.parent?.subscription_details?.subscription);
}

// Handle invoice.paid.
export async function onInvoicePaid(event: Stripe.InvoicePaidEvent, ctx: WebhookContext): Promise<void> {
  const invoice = event.data.object;
  const subscriptionId = invoiceSubscriptionId(invoice);
  if (!subscriptionId) return;
  await syncSubscription(ctx, { customerId: stripeId(invoice.customer), subscriptionId, status: "active" });
}
