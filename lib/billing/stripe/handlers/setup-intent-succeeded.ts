// setup_intent.succeeded – a setup checkout saved a card: keep it for auto top-up and switch it on.
import type Stripe from "stripe";
import { checkBalances } from "../../alerts/watch";
import { saveTopupCard } from "../../alerts/settings";
import { stripeId, type WebhookContext } from "../context";

// Handle setup_intent.succeeded.
export async function onSetupIntentSucceeded(event: Stripe.SetupIntentSucceededEvent, ctx: WebhookContext): Promise<void> {
  const intent = event.data.object;
  const userId = intent.metadata?.userId;
  const paymentMethod = stripeId(intent.payment_method);
  if (!userId || intent.metadata?.purpose !== "card" || !paymentMethod) return;
  await saveTopupCard(userId, paymentMethod, ctx.tx);
  // A balance already below the line is a crossing too.
  ctx.afterCommit(() => checkBalances([userId]));
}
