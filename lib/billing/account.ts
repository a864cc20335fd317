// What the billing page shows about an account: plan and limits, balance, subscription state,
// whether Stripe is set up, and what a finished checkout booked.
import { prisma } from "../db";
import type { Plan } from "../generated/prisma/enums";
import { limitsFor, type PlanLimits } from "../limits/plans";
import { missingStripeVariables } from "./stripe/client";

export type BillingAccount = {
  plan: Plan;
  limits: PlanLimits;
  balance: bigint;
  subscriptionStatus: string | null;
  hasStripeCustomer: boolean;
  /** Environment variables an operator must set before billing works (empty when it does). */
  missingVariables: string[];
};

/** The billing facts of one account. */
export async function billingAccount(userId: string): Promise<BillingAccount> {
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId } });
  return {
    plan: user.plan,
    limits: limitsFor(user),
    balance: user.balance,
    subscriptionStatus: user.subscriptionStatus,
    hasStripeCustomer: user.stripeCustomerId !== null,
    missingVariables: missingStripeVariables(),
  };
}

/** The credits a checkout session booked to this account, or null while its webhook has not arrived. */
export async function bookedByCheckout(userId: string, sessionId: string): Promise<bigint | null> {
  const entry = await prisma().ledgerEntry.findUnique({ where: { reference: `stripe:checkout:${sessionId}` } });
  return entry && entry.userId === userId ? entry.amount : null;
}
