// The Stripe customer portal: where a Pro subscriber changes card, sees invoices or cancels.
import { prisma } from "../../db";
import { requireStripe } from "./client";
import { UserError } from "../../actions/errors";
import { billingFailure } from "./errors";

/** A portal session for the account's Stripe customer; returns its URL. */
export async function createPortalSession(userId: string, origin: string): Promise<string> {
  const stripe = await requireStripe();
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId }, select: { stripeCustomerId: true } });
  if (!user.stripeCustomerId) throw new UserError("There is no subscription to manage yet. Upgrade to Pro first.", undefined, 409);
  try {
    const session = await stripe.billingPortal.sessions.create({ customer: user.stripeCustomerId, return_url: `${origin}/dashboard/billing` });
    return session.url;
  } catch (err) {
    throw billingFailure("customer portal", err);
  }
}
