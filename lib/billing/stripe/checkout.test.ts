import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "../../db";
import { createAccount } from "../../accounts/create";
import { UserError } from "../../actions/errors";
import { setEnv, useStripeFake } from "../../../tests/fakes/stripe-vitest";
import { parseTopupCents } from "./amounts";
import { createCreditsCheckout, createProCheckout } from "./checkout";
import { missingStripeVariables } from "./client";
import { createPortalSession } from "./portal";
import { handleStripeWebhook } from "./webhook";

const fake = useStripeFake();
const ORIGIN = "http://app.test";

async function account(plan: "FREE" | "PRO" | "ENTERPRISE" = "FREE") {
  return createAccount({ email: `checkout-${randomUUID()}@example.com`, plan, credits: 0n });
}

function lastRequest(path: string) {
  const found = fake().requests.filter((r) => r.path === path).at(-1);
  if (!found) throw new Error(`no request to ${path}`);
  return found;
}

describe("checkout and portal sessions", () => {
  it("starts a Pro subscription checkout with the configured price, creating the customer once", async () => {
    const user = await account();
    const url = await createProCheckout(user.id, ORIGIN);
    expect(url).toMatch(new RegExp(`^${fake().url}/checkout/cs_test_`));
    const customer = lastRequest("/v1/customers");
    expect(customer.body).toMatchObject({ email: user.email, metadata: { userId: user.id } });
    expect(customer.idempotencyKey).toBe(`customer-${user.id}`);
    const session = lastRequest("/v1/checkout/sessions");
    expect(session.stripeVersion).toBeTruthy();
    expect(session.body).toMatchObject({
      mode: "subscription",
      line_items: [{ price: fake().proPriceId, quantity: "1" }],
      metadata: { userId: user.id, purpose: "pro" },
      subscription_data: { metadata: { userId: user.id } },
      client_reference_id: user.id,
      success_url: `${ORIGIN}/dashboard/billing?checkout=pro&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${ORIGIN}/dashboard/billing?checkout=canceled`,
    });
    const stored = await prisma().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(session.body.customer).toBe(stored.stripeCustomerId);

    const customers = fake().requests.filter((r) => r.path === "/v1/customers").length;
    await createCreditsCheckout(user.id, 1000, ORIGIN);
    expect(fake().requests.filter((r) => r.path === "/v1/customers").length).toBe(customers);
  });

  it("uses an inline $20/month price when STRIPE_PRO_PRICE_ID is not set", async () => {
    const user = await account();
    const priceId = fake().proPriceId;
    setEnv({ STRIPE_PRO_PRICE_ID: undefined });
    try {
      await createProCheckout(user.id, ORIGIN);
    } finally {
      setEnv({ STRIPE_PRO_PRICE_ID: priceId });
    }
    expect(lastRequest("/v1/checkout/sessions").body.line_items).toEqual([{
      quantity: "1",
      price_data: {
        currency: "usd", unit_amount: "2000", recurring: { interval: "month" },
        product_data: { name: "SIB AI Pro", description: expect.any(String) },
      },
    }]);
  });

  it("starts a one-time credits checkout for the exact amount", async () => {
    const user = await account();
    await createCreditsCheckout(user.id, 4250, ORIGIN);
    expect(lastRequest("/v1/checkout/sessions").body).toMatchObject({
      mode: "payment",
      line_items: [{ quantity: "1", price_data: { currency: "usd", unit_amount: "4250", product_data: { name: "SIB AI credits" } } }],
      metadata: { userId: user.id, purpose: "credits" },
      success_url: `${ORIGIN}/dashboard/billing?checkout=credits&session_id={CHECKOUT_SESSION_ID}`,
    });
  });

  it("refuses Pro checkout for Pro and Enterprise accounts", async () => {
    await expect(createProCheckout((await account("PRO")).id, ORIGIN)).rejects.toThrow(/already on Pro/);
    await expect(createProCheckout((await account("ENTERPRISE")).id, ORIGIN)).rejects.toThrow(/Enterprise/);
  });

  it("opens the customer portal for a customer, and explains when there is none", async () => {
    const user = await account();
    await expect(createPortalSession(user.id, ORIGIN)).rejects.toThrow(/no subscription to manage/);
    await createProCheckout(user.id, ORIGIN);
    const url = await createPortalSession(user.id, ORIGIN);
    expect(url).toMatch(new RegExp(`^${fake().url}/portal/bps_`));
    const stored = await prisma().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(lastRequest("/v1/billing_portal/sessions").body).toEqual({ customer: stored.stripeCustomerId, return_url: `${ORIGIN}/dashboard/billing` });
  });

  it("turns Stripe's errors into a message a person may read, without the key", async () => {
    const user = await account();
    const key = fake().secretKey;
    setEnv({ STRIPE_SECRET_KEY: "sk_test_wrong_key_123456" });
    try {
      const err = await createCreditsCheckout(user.id, 1000, ORIGIN).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).status).toBe(502);
      expect((err as UserError).message).not.toContain("sk_test");
    } finally {
      setEnv({ STRIPE_SECRET_KEY: key });
    }
    expect(fake().requests.at(-1)?.path).toBe("/v1/customers");
  });

  it("without Stripe keys: says what to set, refuses checkout, and the webhook answers 503", async () => {
    const saved = fake().env();
    setEnv({ STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined });
    try {
      expect(missingStripeVariables()).toEqual(["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]);
      const err = await createProCheckout((await account()).id, ORIGIN).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).status).toBe(503);
      expect((await handleStripeWebhook("{}", "t=1,v1=x")).status).toBe(503);
    } finally {
      setEnv(saved);
    }
    expect(missingStripeVariables()).toEqual([]);
  });
});

describe("top-up amounts", () => {
  it("accepts dollars with up to two decimals between $5 and $1000", () => {
    expect(parseTopupCents("25")).toBe(2500);
    expect(parseTopupCents("$25.5")).toBe(2550);
    expect(parseTopupCents("5")).toBe(500);
    expect(parseTopupCents("1000.00")).toBe(100_000);
  });

  it("rejects anything else with a message on the amount field", () => {
    for (const bad of ["4.99", "1000.01", "abc", "10.001", "-10", ""]) {
      const err = (() => { try { parseTopupCents(bad); } catch (e) { return e; } })();
      expect(err, bad).toBeInstanceOf(UserError);
      expect((err as UserError).field).toBe("amount");
    }
  });
});
