// Low-balance alerts and auto top-up against real PostgreSQL, the Stripe fake (webhooks to the
// real route) and a real SMTP inbox: each crossing e-mails once and charges once, also when
// several looks race; credits are booked only by the webhook, once; a declined card turns
// auto top-up off and e-mails once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { prisma } from "../../db";
import { createAccount } from "../../accounts/create";
import { createApiKey } from "../../keys/store";
import { findDrift, placeHold, postEntry, settle } from "../ledger";
import { settleDurably } from "../settle-queue";
import { createCardCheckout } from "../stripe/checkout";
import { ensureCustomer } from "../stripe/customer";
import { stripeClient } from "../stripe/client";
import { setEnv, useStripeFake } from "../../../tests/fakes/stripe-vitest";
import { TEST_CARDS } from "../../../tests/fakes/stripe-payments";
import { startSmtpInbox, type SmtpInbox } from "../../../tests/fakes/smtp-inbox";
import { claimAlertCrossings, claimTopupCrossings } from "./crossings";
import { setAutoTopup, setLowBalanceThreshold, spendSettings, turnOffAutoTopup } from "./settings";
import { balanceWatchIdle, checkBalances } from "./watch";

const fake = useStripeFake();
const ORIGIN = "http://app.test";
const USD = 1_000_000_000n;
let inbox: SmtpInbox;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  setEnv({ SMTP_URL: inbox.url, PUBLIC_URL: ORIGIN });
});
afterAll(async () => {
  await inbox.close();
});

async function account(credits = 5n * USD) {
  const user = await createAccount({ email: `alerts-${randomUUID()}@example.com`, credits });
  return { ...user, keyId: (await createApiKey(user.id, "alerts")).id };
}

/** Spend `cost` through the real hold → settle queue path, then wait for the balance look it triggers. */
async function spend(user: { id: string; keyId: string }, cost: bigint): Promise<void> {
  const requestId = randomUUID();
  expect(await placeHold(user.id, requestId, cost, 60_000)).toBe("placed");
  await settleDurably({
    requestId, userId: user.id, apiKeyId: user.keyId, cost, model: "deepseek-chat", provider: "deepseek", promptTokens: 10,
    completionTokens: 10, cachedTokens: 0, estimated: false, stream: false, status: "ok", latencyMs: 1, ttftMs: null,
  });
  await balanceWatchIdle();
  await fake().idle();
}

async function balance(userId: string): Promise<bigint> {
  return (await prisma().user.findUniqueOrThrow({ where: { id: userId } })).balance;
}

async function noDrift(userId: string) {
  expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
}

/** Save a card through the fake's setup-mode Checkout, as the billing page does. */
async function saveCard(userId: string, card: string = TEST_CARDS.visa) {
  const url = await createCardCheckout(userId, ORIGIN);
  const deliveries = await fake().completeCheckout(url.split("/checkout/")[1], { card });
  expect(deliveries.map((d) => `${d.type} ${d.status}`)).toEqual(["setup_intent.succeeded 200", "checkout.session.completed 200"]);
}

function intentsOf(customerId: string) {
  return [...fake().paymentIntents.values()].filter((pi) => pi.customer === customerId);
}

describe("low-balance alerts", () => {
  it("e-mails once when the balance falls below the threshold, once at zero, and again only after it went back above", async () => {
    const user = await account();
    await setLowBalanceThreshold(user.id, 4n * USD);
    await spend(user, USD / 2n);
    expect(inbox.to(user.email)).toHaveLength(0);

    await spend(user, USD);
    const [low] = await inbox.waitFor(user.email, 1);
    expect(low.subject).toBe("Your SIB AI balance is below $4.00");
    expect(low.text).toContain("$3.50");
    expect(low.text).toContain(`${ORIGIN}/dashboard/billing`);

    await spend(user, USD);
    await spend(user, USD);
    expect(inbox.to(user.email)).toHaveLength(1);

    await spend(user, (3n * USD) / 2n);
    expect(await balance(user.id)).toBe(0n);
    const mails = await inbox.waitFor(user.email, 2);
    expect(mails[1].subject).toBe("Your SIB AI balance is empty");
    expect(mails[1].text).toContain("402");

    await postEntry({ userId: user.id, kind: "TOPUP", amount: 10n * USD, reference: `test:${randomUUID()}`, description: "test" });
    await checkBalances([user.id]);
    expect((await prisma().accountBilling.findUniqueOrThrow({ where: { userId: user.id } })).alertLevel).toBe(0);
    await spend(user, 7n * USD);
    const again = await inbox.waitFor(user.email, 3);
    expect(again[2].subject).toBe("Your SIB AI balance is below $4.00");
    expect(inbox.to(user.email)).toHaveLength(3);
    await noDrift(user.id);
  });

  it("claims a crossing once when many looks race (several instances at once)", async () => {
    const users = await Promise.all([account(), account()]);
    for (const u of users) await setLowBalanceThreshold(u.id, 10n * USD);
    const ids = users.map((u) => u.id);
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimAlertCrossings(ids)));
    const claimed = claims.flat();
    expect(claimed.map((c) => c.userId).sort()).toEqual([...ids].sort());
    expect(claimed.every((c) => c.level === 1)).toBe(true);
  });

  it("sends one e-mail per crossing when two settle batches of the same account race", async () => {
    const user = await account();
    await setLowBalanceThreshold(user.id, 4n * USD);
    await Promise.all([spend(user, USD + 1n), spend(user, USD + 2n), spend(user, 3n)]);
    await Promise.all([checkBalances([user.id]), checkBalances([user.id])]);
    await inbox.waitFor(user.email, 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.to(user.email)).toHaveLength(1);
  });

  it("defaults to $1 and keeps a changed threshold", async () => {
    const user = await account();
    expect((await spendSettings(user.id)).lowBalanceThreshold).toBe(USD);
    await setLowBalanceThreshold(user.id, 2_500_000_000n);
    expect((await spendSettings(user.id)).lowBalanceThreshold).toBe(2_500_000_000n);
  });
});

describe("auto top-up", () => {
  it("needs a saved card, then charges once per crossing and books the credit only through the webhook", async () => {
    const user = await account();
    expect(await setAutoTopup(user.id, 4n * USD, 10n * USD)).toEqual({ needsCard: true });
    expect((await spendSettings(user.id)).autoTopup).toMatchObject({ enabled: false, hasCard: false });
    await saveCard(user.id);
    expect((await spendSettings(user.id)).autoTopup).toEqual({ enabled: true, below: 4n * USD, amount: 10n * USD, hasCard: true });
    const customer = (await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId!;

    await spend(user, USD / 2n);
    expect(intentsOf(customer)).toHaveLength(0);
    await spend(user, USD);
    const [intent] = intentsOf(customer);
    expect(intent).toMatchObject({ amount: 1000, currency: "usd", status: "succeeded", customer, metadata: { userId: user.id, purpose: "auto_topup" } });
    const request = fake().requests.find((r) => r.path === "/v1/payment_intents")!;
    expect(request.body).toMatchObject({ confirm: "true", off_session: "true", currency: "usd", amount: "1000" });
    expect(request.idempotencyKey).toBe(`auto-topup-${user.id}-1`);

    const topups = await prisma().ledgerEntry.findMany({ where: { userId: user.id, kind: "TOPUP" } });
    expect(topups).toHaveLength(1);
    expect(topups[0]).toMatchObject({ amount: 10n * USD, reference: `topup:${String(intent.id)}`, description: "Auto top-up ($10.00)" });
    expect(await balance(user.id)).toBe(13_500_000_000n);
    const receipt = await prisma().paymentReceipt.findUniqueOrThrow({ where: { paymentIntentId: String(intent.id) } });
    expect(receipt).toMatchObject({ ledgerReference: `topup:${String(intent.id)}`, receiptUrl: expect.stringMatching(/\/receipts\/ch_/) });

    // Stripe delivers the event again: nothing changes.
    const original = fake().deliveries.find((d) => d.type === "payment_intent.succeeded" && d.payload.includes(String(intent.id)))!;
    const again = await fake().deliver(JSON.parse(original.payload));
    expect(JSON.parse(again.body)).toEqual({ received: true, duplicate: true });
    expect(await prisma().ledgerEntry.count({ where: { userId: user.id, kind: "TOPUP" } })).toBe(1);

    // Above the line again: more spending above it charges nothing; the next crossing charges once more.
    await spend(user, USD);
    expect(intentsOf(customer)).toHaveLength(1);
    await spend(user, 9n * USD);
    expect(intentsOf(customer)).toHaveLength(2);
    expect(await balance(user.id)).toBe(13_500_000_000n);
    await noDrift(user.id);
  });

  it("charges at once when the card is saved below the line, and a later crossing is claimed once by racing looks", async () => {
    const user = await account();
    await setAutoTopup(user.id, 10n * USD, 5n * USD);
    await saveCard(user.id);
    await balanceWatchIdle();
    await fake().idle();
    const customer = (await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId!;
    expect(intentsOf(customer)).toHaveLength(1);
    expect(await balance(user.id)).toBe(10n * USD);

    // Settle without the watch, then let six looks race over the crossing.
    const requestId = randomUUID();
    expect(await placeHold(user.id, requestId, 1n, 60_000)).toBe("placed");
    await settle({
      requestId, userId: user.id, apiKeyId: user.keyId, cost: 1n, model: "deepseek-chat", provider: "deepseek", promptTokens: 1,
      completionTokens: 1, cachedTokens: 0, estimated: false, stream: false, status: "ok", latencyMs: 1, ttftMs: null,
    });
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimTopupCrossings([user.id])));
    expect(claims.flat()).toEqual([{ userId: user.id, seq: 2, customerId: customer, paymentMethod: expect.stringMatching(/^pm_/), amount: 5n * USD }]);
    await noDrift(user.id);
  });

  it("charges nothing once the customer turns it off, and resumes when turned back on", async () => {
    const user = await account();
    await setAutoTopup(user.id, 4n * USD, 10n * USD);
    await saveCard(user.id);
    await turnOffAutoTopup(user.id);
    await spend(user, 2n * USD);
    const customer = (await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId!;
    expect(intentsOf(customer)).toHaveLength(0);
    expect(await setAutoTopup(user.id, 4n * USD, 10n * USD)).toEqual({ needsCard: false });
    await spend(user, 1n);
    expect(intentsOf(customer)).toHaveLength(1);
    expect(await balance(user.id)).toBe(12_999_999_999n);
  });

  it("turns itself off and e-mails once when the card is declined, booking nothing", async () => {
    const user = await account();
    await setAutoTopup(user.id, 4n * USD, 10n * USD);
    await saveCard(user.id, TEST_CARDS.chargeCustomerFail);
    await spend(user, 2n * USD);
    const customer = (await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId!;
    const [intent] = intentsOf(customer);
    expect(intent).toMatchObject({ status: "requires_payment_method", last_payment_error: { code: "card_declined", decline_code: "generic_decline" } });
    expect(fake().deliveries.some((d) => d.type === "payment_intent.payment_failed" && d.payload.includes(String(intent.id)) && d.status === 200)).toBe(true);
    const mails = await inbox.waitFor(user.email, 1);
    expect(mails[0].subject).toBe("Your SIB AI auto top-up was declined");
    expect(mails[0].text).toContain("generic_decline");
    expect(mails[0].text).toContain("Auto top-up is now off");
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.to(user.email)).toHaveLength(1);
    expect((await spendSettings(user.id)).autoTopup.enabled).toBe(false);
    expect(await prisma().ledgerEntry.count({ where: { userId: user.id, kind: "TOPUP" } })).toBe(0);
    await spend(user, USD);
    expect(intentsOf(customer)).toHaveLength(1);
    await noDrift(user.id);
  });
});

describe("the Stripe fake's PaymentIntents", () => {
  it("refuses what Stripe refuses, with Stripe's error shape", async () => {
    const stripe = (await stripeClient())!;
    const user = await account();
    const customer = await ensureCustomer(stripe, user.id);
    const card = fake().saveCard(customer);
    const other = fake().saveCard(await ensureCustomer(stripe, (await account()).id));
    const base = { amount: 1000, currency: "usd", customer, payment_method: String(card.id), confirm: true, off_session: true };
    const refusal = async (params: Record<string, unknown>) => {
      try {
        await stripe.paymentIntents.create(params as unknown as Stripe.PaymentIntentCreateParams);
      } catch (err) {
        return err as Stripe.errors.StripeError;
      }
      throw new Error("expected a refusal");
    };
    expect(await refusal({ ...base, currency: undefined })).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", param: "currency" });
    expect(await refusal({ ...base, amount: 49 })).toMatchObject({ statusCode: 400, code: "amount_too_small" });
    expect(await refusal({ ...base, confirm: false })).toMatchObject({ statusCode: 400, param: "off_session" });
    expect(await refusal({ ...base, payment_method: undefined })).toMatchObject({ statusCode: 400, param: "payment_method" });
    expect(await refusal({ ...base, customer: undefined })).toMatchObject({ statusCode: 400, param: "payment_method" });
    expect(await refusal({ ...base, payment_method: String(other.id) })).toMatchObject({ statusCode: 400, param: "payment_method" });

    const declining = fake().saveCard(customer, TEST_CARDS.chargeCustomerFail);
    const declined = await refusal({ ...base, payment_method: String(declining.id) });
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "generic_decline" });
    expect(declined.raw).toMatchObject({ type: "card_error", payment_intent: { status: "requires_payment_method" } });

    const key = randomUUID();
    const first = await stripe.paymentIntents.create(base, { idempotencyKey: key });
    const second = await stripe.paymentIntents.create(base, { idempotencyKey: key });
    expect(second.id).toBe(first.id);
    expect(first.status).toBe("succeeded");
    await fake().idle();
  });
});
