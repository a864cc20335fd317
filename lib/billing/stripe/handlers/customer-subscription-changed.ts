// customer.subscription.created / customer.subscription.updated – follow the subscription's status.
import type Stripe from "stripe";
import { stripeId, type WebhookContext } from "../context";
import { syncSubscription } from "../subscription-sync";

// Handle customer.subscription.created and customer.subscription.updated (same meaning: here is its state now).
export async function onSubscriptionChanged(
  event: Stripe.CustomerSubscriptionCreatedEvent | Stripe.CustomerSubscriptionUpdatedEvent,
  ctx: WebhookContext,
): Promise<void> {
  const sub = event.data.object;
  await syncSubscription(ctx, { customerId: stripeId(sub.customer), subscriptionId: sub.id, status: sub.status, userId: sub.metadata?.userId });
}
