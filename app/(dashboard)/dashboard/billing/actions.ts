"use server";
// Server actions of the billing page: each returns the Stripe page to send the browser to.
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { publicUrl } from "@/lib/env";
import { parseTopupCents } from "@/lib/billing/stripe/amounts";
import { createCreditsCheckout, createProCheckout } from "@/lib/billing/stripe/checkout";
import { createPortalSession } from "@/lib/billing/stripe/portal";

type Redirect = { url: string };

// Start Stripe Checkout for the Pro subscription.
export const upgradeAction = userAction(z.object({}), async (_input, user): Promise<Redirect> => ({
  url: await createProCheckout(user.id, publicUrl()),
}));

// Open the Stripe customer portal (change card, invoices, cancel).
export const portalAction = userAction(z.object({}), async (_input, user): Promise<Redirect> => ({
  url: await createPortalSession(user.id, publicUrl()),
}));

const credits = z.object({ amount: z.string().max(20), custom: z.string().max(20).optional() });

// Start Stripe Checkout for a one-time credits purchase: a preset amount, or "custom" with its own field.
export const buyCreditsAction = userAction(credits, async (input, user): Promise<Redirect> => {
  const cents = parseTopupCents(input.amount === "custom" ? (input.custom ?? "") : input.amount);
  return { url: await createCreditsCheckout(user.id, cents, publicUrl()) };
});
