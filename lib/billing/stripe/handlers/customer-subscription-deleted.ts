// customer.subscription.deleted – the subscription has ended: back to Free.
import type Stripe from "stripe";
import { stripeId, type WebhookContext } from "../context";
import { syncSubscription } from "../subscription-sync";

// Handle customer.subscription.deleted.
export async function onSubscriptionDeleted(event: Stripe.CustomerSubscriptionDeletedEvent, ctx: WebhookContext): Promise<void> {
  const sub = event.data.object;
  await syncSubscription(ctx, { customerId: stripeId(sub.customer), subscriptionId: sub.id, status: "canceled", userId: sub.metadata?.userId });
}
