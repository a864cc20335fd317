// The Stripe customer portal: where a Pro subscriber changes card, sees invoices or cancels.
import { prisma } from "../../db";
import { stripeClient } from "./client";
import { BillingError, billingFailure } from "./errors";

/** A portal session for the account's Stripe customer; returns its URL. */
export async function createPortalSession(userId: string, origin: string): Promise<string> {
  const stripe = stripeClient();
  if (!stripe) throw new BillingError("Billing is not configured on this installation.");
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId }, select: { stripeCustomerId: true } });
  if (!user.stripeCustomerId) throw new BillingError("There is no subscription to manage yet. Upgrade to Pro first.");
  try {
    const session = await stripe.billingPortal.sessions.create({ customer: user.stripeCustomerId, return_url: `${origin}/dashboard/billing` });
    return session.url;
  } catch (err) {
    throw billingFailure("customer portal", err);
  }
}
