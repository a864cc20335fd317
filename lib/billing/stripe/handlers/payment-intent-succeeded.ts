// payment_intent.succeeded – an auto top-up was paid: book its credits once (reference
// topup:<payment intent>) and tie the payment to the entry for its receipt. Checkout purchases
// are booked by checkout.session.completed instead.
import type Stripe from "stripe";
import { postEntry } from "../../ledger";
import { formatUsd } from "../../../money";
import { log } from "../../../log";
import { AUTO_TOPUP_PURPOSE } from "../../alerts/auto-topup";
import { checkBalances } from "../../alerts/watch";
import { linkPayment } from "../../receipts";
import { centsToNano } from "../amounts";
import type { WebhookContext } from "../context";

// Handle payment_intent.succeeded.
export async function onPaymentIntentSucceeded(event: Stripe.PaymentIntentSucceededEvent, ctx: WebhookContext): Promise<void> {
  const intent = event.data.object;
  const userId = intent.metadata?.userId;
  if (!userId || intent.metadata?.purpose !== AUTO_TOPUP_PURPOSE) return;
  if (intent.currency !== "usd") {
    log.warn(`[stripe] payment ${intent.id}: unexpected currency ${intent.currency}; not booked`);
    return;
  }
  const amount = centsToNano(intent.amount_received);
  const reference = `topup:${intent.id}`;
  const booked = await postEntry({ userId, kind: "TOPUP", amount, reference, description: `Auto top-up (${formatUsd(amount)})` }, ctx.tx);
  if (!booked) log.warn(`[stripe] payment ${intent.id}: already booked or no such account`);
  await linkPayment(intent.id, userId, reference, ctx.tx);
  // Back above the line: re-arm auto top-up and the alerts.
  ctx.afterCommit(() => checkBalances([userId]));
}
