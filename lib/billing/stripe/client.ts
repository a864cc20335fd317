// The Stripe SDK client, built from lib/env.ts. Absent keys mean billing is not configured:
// callers ask `stripeConfig()` first and show the operator which variables to set. The SDK (~250
// files, ~4 MB of heap) loads on first use: an API-only process needs it only for an auto top-up.
import type Stripe from "stripe";
import { env } from "../../env";
import { UserError } from "../../actions/errors";

export type StripeConfig = { secretKey: string; webhookSecret: string | undefined; proPriceId: string | undefined };

/** Stripe's settings, or null when STRIPE_SECRET_KEY is not set. */
export function stripeConfig(): StripeConfig | null {
  const e = env();
  if (!e.STRIPE_SECRET_KEY) return null;
  return { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, proPriceId: e.STRIPE_PRO_PRICE_ID };
}

/** The required variables that are missing: billing is offered only when none is (checkout without webhooks would take money and book nothing). */
export function missingStripeVariables(): string[] {
  const e = env();
  return (["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const).filter((name) => !e[name]);
}

const globalForStripe = globalThis as unknown as { __sibStripe?: { signature: string; client: Stripe } };

/** The SDK client (one per process), pointed at STRIPE_API_HOST/PORT/PROTOCOL when set; null when not configured. */
export async function stripeClient(): Promise<Stripe | null> {
  const config = stripeConfig();
  if (!config) return null;
  const e = env();
  const signature = [config.secretKey, e.STRIPE_API_HOST, e.STRIPE_API_PORT, e.STRIPE_API_PROTOCOL].join("|");
  const cached = globalForStripe.__sibStripe;
  if (cached?.signature === signature) return cached.client;
  const { default: StripeSdk } = await import("stripe");
  const client = new StripeSdk(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "sib-ai" },
    ...(e.STRIPE_API_HOST ? { host: e.STRIPE_API_HOST } : {}),
    ...(e.STRIPE_API_PORT ? { port: e.STRIPE_API_PORT } : {}),
    ...(e.STRIPE_API_PROTOCOL ? { protocol: e.STRIPE_API_PROTOCOL } : {}),
  });
  globalForStripe.__sibStripe = { signature, client };
  return client;
}

/** The SDK client, or a UserError (503) when billing is not configured. */
export async function requireStripe(): Promise<Stripe> {
  const stripe = await stripeClient();
  if (!stripe) throw new UserError("Billing is not configured on this installation.", undefined, 503);
  return stripe;
}
