// Stripe webhook processing, framework-free: verify the signature over the raw body, skip
// events we don't handle, and apply each relevant event exactly once — its id is recorded
// in StripeEvent in the same transaction as its effect, so a redelivery (even a concurrent
// one, which waits on the id's unique index) finds it done.
import Stripe from "stripe";
import { pool } from "../../db";
import { accountChanged } from "../../keys/store";
import { env } from "../../env";
import { log } from "../../log";
import { dispatch, isRelevant, type RelevantEvent } from "./events";
import type { WebhookContext } from "./context";

export type WebhookResult = { status: number; body: { received: boolean; duplicate?: boolean; ignored?: boolean; error?: string } };

/** Verify and parse a delivery; null when the signature does not match the secret. */
function verify(rawBody: string, signature: string, secret: string): Stripe.Event | null {
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError) return null;
    throw err;
  }
}

/** Apply one relevant event in a transaction with its dedupe row. False when it was already applied. */
async function applyOnce(event: RelevantEvent): Promise<boolean> {
  const tx = await pool().connect();
  const changed = new Set<string>();
  const after: Array<() => Promise<void>> = [];
  try {
    await tx.query("BEGIN");
    const { rowCount } = await tx.query(
      `INSERT INTO "StripeEvent" (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
      [event.id, event.type],
    );
    if (rowCount === 0) {
      await tx.query("ROLLBACK");
      return false;
    }
    const ctx: WebhookContext = { tx, planChanged: (userId) => changed.add(userId), afterCommit: (work) => after.push(work) };
    await dispatch(event, ctx);
    await tx.query("COMMIT");
  } catch (err) {
    await tx.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    tx.release();
  }
  for (const userId of changed) await accountChanged(userId);
  for (const work of after) await work().catch((err) => log.error(`[stripe] ${event.type} ${event.id}: follow-up failed: ${(err as Error).message}`));
  return true;
}

/** Handle one delivery to the webhook endpoint: 400 on a bad signature, 200 once handled or ignored. */
export async function handleStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookResult> {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) return { status: 503, body: { received: false, error: "Stripe webhooks are not configured (set STRIPE_WEBHOOK_SECRET)." } };
  if (!signature) return { status: 400, body: { received: false, error: "Missing Stripe-Signature header." } };
  const event = verify(rawBody, signature, secret);
  if (!event) return { status: 400, body: { received: false, error: "Invalid signature." } };
  if (!isRelevant(event)) return { status: 200, body: { received: true, ignored: true } };
  const applied = await applyOnce(event);
  return { status: 200, body: applied ? { received: true } : { received: true, duplicate: true } };
}
