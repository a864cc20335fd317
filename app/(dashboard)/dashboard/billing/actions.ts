"use server";
// Server actions of the billing page: Stripe pages to send the browser to, and the spend settings.
import { z } from "zod";
import { userAction } from "@/lib/actions/safe-action";
import { publicUrl } from "@/lib/env";
import { centsToNano, parseBalanceLine, parseTopupCents } from "@/lib/billing/stripe/amounts";
import { createCardCheckout, createCreditsCheckout, createProCheckout } from "@/lib/billing/stripe/checkout";
import { setAutoTopup, setLowBalanceThreshold, turnOffAutoTopup } from "@/lib/billing/alerts/settings";
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

// Set the balance below which the account is warned (banner and e-mail).
export const lowBalanceAction = userAction(z.object({ threshold: z.string().max(20) }), async (input, user): Promise<{ saved: true }> => {
  await setLowBalanceThreshold(user.id, parseBalanceLine(input.threshold, "threshold"));
  return { saved: true };
});

const autoTopup = z.object({ below: z.string().max(20), amount: z.string().max(20) });

// Turn auto top-up on ("when below X, add Y"); without a saved card, returns the Stripe page that saves one.
export const autoTopupAction = userAction(autoTopup, async (input, user): Promise<{ url: string | null }> => {
  const below = parseBalanceLine(input.below, "below", 1);
  const amount = centsToNano(parseTopupCents(input.amount));
  const { needsCard } = await setAutoTopup(user.id, below, amount);
  return { url: needsCard ? await createCardCheckout(user.id, publicUrl()) : null };
});

// Save another card for auto top-up (Stripe Checkout in setup mode).
export const replaceCardAction = userAction(z.object({}), async (_input, user): Promise<Redirect> => ({
  url: await createCardCheckout(user.id, publicUrl()),
}));

// Turn auto top-up off.
export const autoTopupOffAction = userAction(z.object({}), async (_input, user): Promise<{ saved: true }> => {
  await turnOffAutoTopup(user.id);
  return { saved: true };
});
