import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { prisma } from "../../db";
import { createAccount } from "../../accounts/create";
import { createApiKey } from "../../keys/store";
import { lookupKey } from "../../keys/lookup";
import { findDrift } from "../ledger";
import { buildEvent } from "../../../tests/fakes/stripe-objects";
import { useStripeFake } from "../../../tests/fakes/stripe-vitest";
import { createCreditsCheckout, createProCheckout } from "./checkout";
import { handleStripeWebhook } from "./webhook";
import { RELEVANT_EVENTS } from "./events";

const fake = useStripeFake();
const ORIGIN = "http://app.test";

async function account(plan: "FREE" | "ENTERPRISE" = "FREE") {
  return createAccount({ email: `billing-${randomUUID()}@example.com`, plan, credits: 5_000_000_000n });
}

async function userRow(id: string) {
  return prisma().user.findUniqueOrThrow({ where: { id } });
}

async function noDrift(userId: string) {
  expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
}

function sessionIdOf(url: string): string {
  return url.split("/checkout/")[1];
}

async function upgraded(userId: string): Promise<string> {
  const url = await createProCheckout(userId, ORIGIN);
  const deliveries = await fake().completeCheckout(sessionIdOf(url));
  expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
  const user = await userRow(userId);
  expect(user.plan).toBe("PRO");
  return user.stripeSubscriptionId!;
}

describe("Stripe webhook endpoint", () => {
  it("knows exactly the ten events it handles", () => {
    expect([...RELEVANT_EVENTS].sort()).toEqual([
      "charge.succeeded", "checkout.session.completed", "customer.subscription.created", "customer.subscription.deleted",
      "customer.subscription.updated", "invoice.paid", "invoice.payment_failed",
      "payment_intent.payment_failed", "payment_intent.succeeded", "setup_intent.succeeded",
    ]);
  });

  it("answers 400 to a bad or missing signature and writes nothing", async () => {
    const user = await account();
    const url = await createCreditsCheckout(user.id, 1000, ORIGIN);
    const session = { ...fake().sessions.get(sessionIdOf(url))!, status: "complete", payment_status: "paid" };
    const payload = JSON.stringify(buildEvent("checkout.session.completed", session));
    const forged = fake().sign(payload, "whsec_not_the_right_secret");
    expect((await handleStripeWebhook(payload, forged)).status).toBe(400);
    expect((await handleStripeWebhook(payload, null)).status).toBe(400);
    const tampered = payload.replace('"amount_total":1000,', '"amount_total":100000,');
    expect(tampered).not.toBe(payload);
    expect((await handleStripeWebhook(tampered, fake().sign(payload))).status).toBe(400);
    expect((await userRow(user.id)).balance).toBe(5_000_000_000n);
    expect(await prisma().stripeEvent.count({ where: { id: JSON.parse(payload).id } })).toBe(0);
  });

  it("acknowledges events it does not handle with 200 and records nothing", async () => {
    const event = buildEvent("customer.created", { id: "cus_x", object: "customer" });
    const delivery = await fake().deliver(event);
    expect(delivery.status).toBe(200);
    expect(JSON.parse(delivery.body)).toEqual({ received: true, ignored: true });
    expect(await prisma().stripeEvent.count({ where: { id: String(event.id) } })).toBe(0);
  });

  it("books bought credits exactly once, also when Stripe delivers the event again", async () => {
    const user = await account();
    const url = await createCreditsCheckout(user.id, 2550, ORIGIN);
    const [delivery] = await fake().completeCheckout(sessionIdOf(url));
    expect(delivery).toMatchObject({ type: "checkout.session.completed", status: 200 });
    const entries = await prisma().ledgerEntry.findMany({ where: { userId: user.id, kind: "TOPUP" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ amount: 25_500_000_000n, balanceAfter: 30_500_000_000n, reference: `stripe:checkout:${sessionIdOf(url)}` });

    expect(JSON.parse(delivery.body)).toEqual({ received: true });
    const again = await handleStripeWebhook(...signedCopy(delivery.eventId));
    expect(again).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect((await userRow(user.id)).balance).toBe(30_500_000_000n);
    await noDrift(user.id);
  });

  it("books once under concurrent duplicate deliveries, and once per session across different event ids", async () => {
    const user = await account();
    const url = await createCreditsCheckout(user.id, 10_000, ORIGIN);
    const session = fake().sessions.get(sessionIdOf(url))!;
    Object.assign(session, { status: "complete", payment_status: "paid" });
    const event = buildEvent("checkout.session.completed", session);
    const results = await Promise.all(Array.from({ length: 12 }, () => fake().deliver(event)));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(results.filter((r) => JSON.parse(r.body).duplicate !== true)).toHaveLength(1);
    const resent = await fake().deliver(buildEvent("checkout.session.completed", session));
    expect(resent.status).toBe(200);
    expect(await prisma().ledgerEntry.count({ where: { userId: user.id, kind: "TOPUP" } })).toBe(1);
    expect(await prisma().stripeEvent.count({ where: { id: String(event.id) } })).toBe(1);
    expect((await userRow(user.id)).balance).toBe(105_000_000_000n);
    await noDrift(user.id);
  });

  it("does not book an unpaid credits session", async () => {
    const user = await account();
    const url = await createCreditsCheckout(user.id, 1000, ORIGIN);
    const session = { ...fake().sessions.get(sessionIdOf(url))!, status: "complete", payment_status: "unpaid" };
    expect((await fake().deliver(buildEvent("checkout.session.completed", session))).status).toBe(200);
    expect((await userRow(user.id)).balance).toBe(5_000_000_000n);
  });

  it("upgrades to Pro through checkout, and the next key lookup sees Pro's limits", async () => {
    const user = await account();
    const key = await createApiKey(user.id, "ci");
    expect((await lookupKey(key.key))?.limits.rpm).toBe(10);
    const subscriptionId = await upgraded(user.id);
    const row = await userRow(user.id);
    expect(row).toMatchObject({ subscriptionStatus: "active", stripeCustomerId: expect.stringMatching(/^cus_/) });
    expect(subscriptionId).toMatch(/^sub_/);
    expect((await lookupKey(key.key))?.limits.rpm).toBe(100);
    expect(row.balance).toBe(5_000_000_000n);
    await noDrift(user.id);
  });

  it("keeps Pro while a renewal is past due, and downgrades when Stripe gives up", async () => {
    const user = await account();
    const subscriptionId = await upgraded(user.id);
    const subscription = fake().subscriptions.get(subscriptionId)!;
    const invoice = { id: `in_renewal_${user.id}`, object: "invoice", customer: subscription.customer, billing_reason: "subscription_cycle", status: "open",
      amount_due: 2000, amount_paid: 0, amount_remaining: 2000, hosted_invoice_url: "https://invoice.stripe.com/i/renewal",
      parent: { type: "subscription_details", quote_details: null, subscription_details: { subscription: subscriptionId, metadata: {} } } };
    expect((await fake().deliver(buildEvent("invoice.payment_failed", invoice))).status).toBe(200);
    expect(await userRow(user.id)).toMatchObject({ plan: "PRO", subscriptionStatus: "past_due" });

    expect((await fake().deliver(buildEvent("invoice.paid", { ...invoice, status: "paid", amount_paid: 2000, amount_remaining: 0 }))).status).toBe(200);
    expect(await userRow(user.id)).toMatchObject({ plan: "PRO", subscriptionStatus: "active" });
    const invoices = await prisma().subscriptionInvoice.findMany({ where: { userId: user.id }, orderBy: { paidAt: "asc" } });
    expect(invoices.map((i) => [i.amount, i.hostedInvoiceUrl])).toEqual([
      [20_000_000_000n, expect.stringMatching(/\/invoices\/in_/)], [20_000_000_000n, "https://invoice.stripe.com/i/renewal"],
    ]);

    await fake().deliver(buildEvent("customer.subscription.updated", { ...subscription, status: "unpaid" }, { status: "past_due" }));
    expect(await userRow(user.id)).toMatchObject({ plan: "FREE", subscriptionStatus: "unpaid" });
  });

  it("downgrades on cancellation, and a late 'active' for the ended subscription does not revive it", async () => {
    const user = await account();
    const subscriptionId = await upgraded(user.id);
    const activeSnapshot = structuredClone(fake().subscriptions.get(subscriptionId)!);
    expect((await fake().cancelSubscription(subscriptionId)).status).toBe(200);
    expect(await userRow(user.id)).toMatchObject({ plan: "FREE", subscriptionStatus: "canceled" });
    await fake().deliver(buildEvent("customer.subscription.updated", activeSnapshot));
    expect((await userRow(user.id)).plan).toBe("FREE");

    await upgraded(user.id);
    const second = await userRow(user.id);
    expect(second.stripeSubscriptionId).not.toBe(subscriptionId);
    await fake().deliver(buildEvent("customer.subscription.deleted", { ...activeSnapshot, status: "canceled" }));
    expect((await userRow(user.id)).plan).toBe("PRO");
  });

  it("never changes an Enterprise account's plan", async () => {
    const user = await account("ENTERPRISE");
    const customer = await fake().deliver(buildEvent("customer.subscription.created", {
      id: "sub_enterprise_" + randomUUID().slice(0, 8), object: "subscription", customer: null, status: "active", metadata: { userId: user.id },
    }));
    expect(customer.status).toBe(200);
    expect((await userRow(user.id)).plan).toBe("ENTERPRISE");
  });
});

/** A fresh signature over the exact payload of an earlier delivery of this event. */
function signedCopy(eventId: string): [string, string] {
  const original = fake().deliveries.find((d) => d.eventId === eventId)!;
  return [original.payload, fake().sign(original.payload)];
}
