// What the billing page shows about an account: the overview's summary (plan, limits, balance,
// this month's spend) plus the subscription's state, whether Stripe is set up, and what a
// finished checkout booked.
import { prisma } from "../db";
import { accountSummary, type AccountSummary } from "../usage/summary";
import { missingStripeVariables } from "./stripe/client";

export type BillingAccount = AccountSummary & {
  subscriptionStatus: string | null;
  hasStripeCustomer: boolean;
  /** Environment variables an operator must set before billing works (empty when it does). */
  missingVariables: string[];
};

/** The billing facts of one account. */
export async function billingAccount(userId: string): Promise<BillingAccount> {
  const [summary, stripe] = await Promise.all([
    accountSummary(userId),
    prisma().user.findUniqueOrThrow({ where: { id: userId }, select: { subscriptionStatus: true, stripeCustomerId: true } }),
  ]);
  return {
    ...summary,
    subscriptionStatus: stripe.subscriptionStatus,
    hasStripeCustomer: stripe.stripeCustomerId !== null,
    missingVariables: missingStripeVariables(),
  };
}

/** The credits a checkout session booked to this account, or null while its webhook has not arrived. */
export async function bookedByCheckout(userId: string, sessionId: string): Promise<bigint | null> {
  const entry = await prisma().ledgerEntry.findUnique({ where: { reference: `stripe:checkout:${sessionId}` } });
  return entry && entry.userId === userId ? entry.amount : null;
}
