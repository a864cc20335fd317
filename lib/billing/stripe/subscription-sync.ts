// Keep an account's plan in step with its Stripe subscription. Shared by the subscription,
// checkout and invoice handlers; runs inside the webhook's transaction.
import type Stripe from "stripe";
import type { Plan } from "../../generated/prisma/enums";
import type { WebhookContext } from "./context";
import { log } from "../../log";

/**
 * The plan a subscription status grants: Pro while active or trialing, Free once it has
 * ended. Null leaves the plan as it is: `past_due` keeps Pro while Stripe retries the card
 * (its retry schedule ends in `customer.subscription.updated` to unpaid/canceled, or
 * `.deleted`, which downgrade), and `incomplete` has not paid its first invoice yet.
 */
export function planForStatus(status: Stripe.Subscription.Status): Plan | null {
  switch (status) {
    case "active":
    case "trialing":
      return "PRO";
    case "canceled":
    case "unpaid":
    case "incomplete_expired":
    case "paused":
      return "FREE";
    default:
      return null;
  }
}

export type SubscriptionFacts = {
  customerId: string | null;
  subscriptionId: string;
  /** The subscription's status as of this event; null only links the ids. */
  status: Stripe.Subscription.Status | null;
  /** Our account id from the session's or subscription's metadata, when Stripe echoed it. */
  userId?: string | null;
};

type AccountRow = { id: string; plan: Plan; stripeSubscriptionId: string | null; subscriptionStatus: string | null };

async function lockAccount(ctx: WebhookContext, facts: SubscriptionFacts): Promise<AccountRow | null> {
  const { rows } = await ctx.tx.query<AccountRow>(
    `SELECT id, plan, "stripeSubscriptionId", "subscriptionStatus" FROM "User"
     WHERE ("stripeCustomerId" = $1 OR id = $2) AND "deletedAt" IS NULL
     ORDER BY ("stripeCustomerId" = $1) DESC NULLS LAST LIMIT 1 FOR UPDATE`,
    [facts.customerId, facts.userId ?? null],
  );
  return rows[0] ?? null;
}

/**
 * Apply what Stripe says about a subscription to the account it belongs to. Ignores news
 * about a subscription other than the account's current one unless it makes the account Pro
 * (an old subscription ending must not downgrade a new one), and about a subscription
 * already canceled (a late "active" cannot revive it). Enterprise accounts keep their plan.
 */
export async function syncSubscription(ctx: WebhookContext, facts: SubscriptionFacts): Promise<void> {
  const account = await lockAccount(ctx, facts);
  if (!account) {
    log.warn(`[stripe] no account for customer ${facts.customerId ?? "-"} (subscription ${facts.subscriptionId}); ignored`);
    return;
  }
  const target = facts.status ? planForStatus(facts.status) : null;
  const current = account.stripeSubscriptionId;
  const isCurrent = current === null || current === facts.subscriptionId;
  if (!isCurrent && target !== "PRO") return;
  if (current === facts.subscriptionId && account.subscriptionStatus === "canceled") return;
  const plan = account.plan === "ENTERPRISE" || target === null ? account.plan : target;
  await ctx.tx.query(
    `UPDATE "User" SET plan = $2::"Plan", "stripeSubscriptionId" = $3, "subscriptionStatus" = coalesce($4, "subscriptionStatus"),
       "stripeCustomerId" = coalesce("stripeCustomerId", $5), "updatedAt" = now()
     WHERE id = $1`,
    [account.id, plan, facts.subscriptionId, facts.status, facts.customerId],
  );
  if (plan !== account.plan) ctx.planChanged(account.id);
}
