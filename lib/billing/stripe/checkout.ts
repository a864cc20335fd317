// Stripe Checkout sessions: Pro as a monthly subscription, credits as a one-time payment, and
// saving a card for auto top-up (setup mode). Payments collect the billing name, address and tax id.
import type Stripe from "stripe";
import { prisma } from "../../db";
import { formatUsd } from "../../money";
import { centsToNano, PRO_MONTHLY_CENTS } from "./amounts";
import { requireStripe, stripeConfig } from "./client";
import { ensureCustomer } from "./customer";
import { UserError } from "../../actions/errors";
import { billingFailure } from "./errors";

/** Metadata `purpose` on every session we create; the completion handler reads it. */
export type CheckoutPurpose = "pro" | "credits" | "card";

/**
 * Ask for the billing name, full address and tax id, and keep them on the Stripe customer
 * (Stripe requires `customer_update.name` with tax id collection for an existing customer,
 * since the business name it collects replaces the customer's name).
 */
const BILLING_DETAILS = {
  billing_address_collection: "required",
  tax_id_collection: { enabled: true },
  customer_update: { name: "auto", address: "auto" },
} satisfies Partial<Stripe.Checkout.SessionCreateParams>;

function returnUrls(origin: string, outcome: string) {
  return {
    success_url: `${origin}/dashboard/billing?checkout=${outcome}&session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${origin}/dashboard/billing?checkout=canceled`,
  };
}

function proLineItem(): Stripe.Checkout.SessionCreateParams.LineItem {
  const price = stripeConfig()?.proPriceId;
  if (price) return { price, quantity: 1 };
  return {
    quantity: 1,
    price_data: {
      currency: "usd",
      unit_amount: PRO_MONTHLY_CENTS,
      recurring: { interval: "month" },
      product_data: { name: "SIB AI Pro", description: "100 requests/min, 100,000 tokens/min, 5 concurrent requests per key" },
    },
  };
}

/** Start a Pro subscription checkout for an account; returns the URL of Stripe's hosted page. */
export async function createProCheckout(userId: string, origin: string): Promise<string> {
  const stripe = await requireStripe();
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId } });
  if (user.plan === "ENTERPRISE") throw new UserError("Your account is on an Enterprise contract; contact us to change it.", undefined, 409);
  if (user.plan === "PRO") throw new UserError("You are already on Pro. Use “Manage subscription” to change or cancel it.", undefined, 409);
  try {
    const customer = await ensureCustomer(stripe, userId);
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer,
      client_reference_id: userId,
      line_items: [proLineItem()],
      metadata: { userId, purpose: "pro" satisfies CheckoutPurpose },
      subscription_data: { metadata: { userId } },
      ...BILLING_DETAILS,
      ...returnUrls(origin, "pro"),
    });
    if (!session.url) throw new Error("checkout session without url");
    return session.url;
  } catch (err) {
    throw billingFailure("Pro checkout", err);
  }
}

/** Start a one-time checkout for `cents` of credits; returns the URL of Stripe's hosted page. */
export async function createCreditsCheckout(userId: string, cents: number, origin: string): Promise<string> {
  const stripe = await requireStripe();
  const label = formatUsd(centsToNano(cents));
  try {
    const customer = await ensureCustomer(stripe, userId);
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      customer,
      client_reference_id: userId,
      line_items: [{
        quantity: 1,
        price_data: { currency: "usd", unit_amount: cents, product_data: { name: "SIB AI credits", description: `${label} of prepaid API credits` } },
      }],
      metadata: { userId, purpose: "credits" satisfies CheckoutPurpose },
      payment_intent_data: { metadata: { userId, purpose: "credits" } },
      ...BILLING_DETAILS,
      ...returnUrls(origin, "credits"),
    });
    if (!session.url) throw new Error("checkout session without url");
    return session.url;
  } catch (err) {
    throw billingFailure("credits checkout", err);
  }
}

/** Start a setup-mode checkout that saves a card for off-session auto top-ups; returns the URL of Stripe's hosted page. */
export async function createCardCheckout(userId: string, origin: string): Promise<string> {
  const stripe = await requireStripe();
  try {
    const customer = await ensureCustomer(stripe, userId);
    const session = await stripe.checkout.sessions.create({
      mode: "setup",
      // Required in setup mode when payment method types are not listed (Stripe's SessionCreateParams.currency).
      currency: "usd",
      customer,
      client_reference_id: userId,
      metadata: { userId, purpose: "card" satisfies CheckoutPurpose },
      setup_intent_data: { metadata: { userId, purpose: "card" }, description: "Card for SIB AI auto top-up" },
      ...returnUrls(origin, "card"),
    });
    if (!session.url) throw new Error("checkout session without url");
    return session.url;
  } catch (err) {
    throw billingFailure("card checkout", err);
  }
}
