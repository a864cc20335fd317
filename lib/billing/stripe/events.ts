// The Stripe events we act on, one handler each; every other event is acknowledged and ignored.
import type Stripe from "stripe";
import type { WebhookContext } from "./context";
import { onCheckoutSessionCompleted } from "./handlers/checkout-session-completed";
import { onSubscriptionChanged } from "./handlers/customer-subscription-changed";
import { onSubscriptionDeleted } from "./handlers/customer-subscription-deleted";
import { onInvoicePaid } from "./handlers/invoice-paid";
import { onInvoicePaymentFailed } from "./handlers/invoice-payment-failed";
import { onChargeSucceeded } from "./handlers/charge-succeeded";
import { onPaymentIntentFailed } from "./handlers/payment-intent-payment-failed";
import { onPaymentIntentSucceeded } from "./handlers/payment-intent-succeeded";
import { onSetupIntentSucceeded } from "./handlers/setup-intent-succeeded";

type Handler<T extends Stripe.Event["type"]> = (event: Extract<Stripe.Event, { type: T }>, ctx: WebhookContext) => Promise<void>;

const HANDLERS = {
  "checkout.session.completed": onCheckoutSessionCompleted,
  "customer.subscription.created": onSubscriptionChanged,
  "customer.subscription.updated": onSubscriptionChanged,
  "customer.subscription.deleted": onSubscriptionDeleted,
  "invoice.paid": onInvoicePaid,
  "invoice.payment_failed": onInvoicePaymentFailed,
  "setup_intent.succeeded": onSetupIntentSucceeded,
  "payment_intent.succeeded": onPaymentIntentSucceeded,
  "payment_intent.payment_failed": onPaymentIntentFailed,
  "charge.succeeded": onChargeSucceeded,
} satisfies { [T in Stripe.Event["type"]]?: Handler<T> };

export type RelevantEvent = Extract<Stripe.Event, { type: keyof typeof HANDLERS }>;

/** The event types this app handles (configure the Stripe webhook endpoint with these). */
export const RELEVANT_EVENTS: ReadonlySet<string> = new Set(Object.keys(HANDLERS));

/** Whether we act on this event. */
export function isRelevant(event: Stripe.Event): event is RelevantEvent {
  return RELEVANT_EVENTS.has(event.type);
}

/** Run the handler of a relevant event inside the webhook's transaction. */
export function dispatch(event: RelevantEvent, ctx: WebhookContext): Promise<void> {
  const handler = HANDLERS[event.type] as (event: Stripe.Event, ctx: WebhookContext) => Promise<void>;
  return handler(event, ctx);
}
