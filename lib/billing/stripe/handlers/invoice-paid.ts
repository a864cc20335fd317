// invoice.paid – a subscription invoice was paid: the subscription is active (again), Pro stays or
// returns, and the invoice (with its hosted page) joins the account's billing history.
import type Stripe from "stripe";
import { stripeId, type WebhookContext } from "../context";
import { syncSubscription } from "../subscription-sync";
import { recordInvoice } from "../../receipts";
import { centsToNano } from "../amounts";

/** The subscription an invoice bills, when it bills one. */
export function invoiceSubscriptionId(invoice: Stripe.Invoice): string | null {
  return stripeId(invoice.parent?.subscription_details?.subscription);
}

// Handle invoice.paid.
export async function onInvoicePaid(event: Stripe.InvoicePaidEvent, ctx: WebhookContext): Promise<void> {
  const invoice = event.data.object;
  const subscriptionId = invoiceSubscriptionId(invoice);
  if (!subscriptionId) return;
  const customerId = stripeId(invoice.customer);
  await syncSubscription(ctx, { customerId, subscriptionId, status: "active" });
  if (customerId && invoice.id) {
    await recordInvoice({ id: invoice.id, customerId, amountNano: centsToNano(invoice.amount_paid), hostedInvoiceUrl: invoice.hosted_invoice_url ?? null }, ctx.tx);
  }
}
