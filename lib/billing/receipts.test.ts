// Receipts and billing details: Checkout asks for name, address and tax id; the webhook keeps
// them on the account, ties each credit purchase to its charge's hosted receipt and each paid
// subscription invoice to its hosted page.
import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createAccount } from "../accounts/create";
import { useStripeFake } from "../../tests/fakes/stripe-vitest";
import { spendSettings } from "./alerts/settings";
import { ledgerHistory } from "./history";
import { recentInvoices, receiptUrls } from "./receipts";
import { createCardCheckout, createCreditsCheckout, createProCheckout } from "./stripe/checkout";

const fake = useStripeFake();
const ORIGIN = "http://app.test";

async function account() {
  return createAccount({ email: `receipts-${randomUUID()}@example.com`, credits: 0n });
}

function lastSessionRequest() {
  return fake().requests.filter((r) => r.path === "/v1/checkout/sessions").at(-1)!;
}

describe("receipts and billing details", () => {
  it("collects billing details at checkout, keeps them, and links the purchase to its receipt", async () => {
    const user = await account();
    const url = await createCreditsCheckout(user.id, 2500, ORIGIN);
    expect(lastSessionRequest().body).toMatchObject({
      billing_address_collection: "required", tax_id_collection: { enabled: "true" }, customer_update: { name: "auto", address: "auto" },
    });
    const sessionId = url.split("/checkout/")[1];
    const deliveries = await fake().completeCheckout(sessionId, { name: "Ada GmbH", line1: "Hauptstr. 1", city: "Berlin", postalCode: "10115", country: "DE", taxId: "DE123456789" });
    expect(deliveries.map((d) => `${d.type} ${d.status}`)).toEqual(["checkout.session.completed 200", "charge.succeeded 200", "payment_intent.succeeded 200"]);

    expect((await spendSettings(user.id)).billingDetails).toEqual({
      name: "Ada GmbH", taxId: "EU VAT DE123456789",
      address: { line1: "Hauptstr. 1", line2: null, city: "Berlin", state: null, postal_code: "10115", country: "DE" },
    });
    const reference = `stripe:checkout:${sessionId}`;
    const receipts = await receiptUrls(user.id, [reference]);
    expect(receipts.get(reference)).toMatch(new RegExp(`^${fake().url}/receipts/ch_`));
    const page = await fetch(receipts.get(reference)!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("$25.00");
    // The purchase is booked once (by checkout.session.completed, not again by payment_intent.succeeded).
    expect((await ledgerHistory(user.id)).rows.filter((r) => r.kind === "TOPUP").map((r) => [r.amount, r.reference])).toEqual([[25_000_000_000n, reference]]);
    // Another account never sees it.
    expect((await receiptUrls((await account()).id, [reference])).size).toBe(0);
  });

  it("asks for the name on the customer when it collects tax ids, as Stripe requires", async () => {
    const user = await account();
    await createCardCheckout(user.id, ORIGIN);
    const customer = String(lastSessionRequest().body.customer);
    const res = await fetch(`${fake().url}/v1/checkout/sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake().secretKey}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ mode: "setup", currency: "usd", customer, success_url: `${ORIGIN}/x`, "tax_id_collection[enabled]": "true" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ type: "invalid_request_error", param: "customer_update[name]" });
    const noCurrency = await fetch(`${fake().url}/v1/checkout/sessions`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake().secretKey}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ mode: "setup", customer, success_url: `${ORIGIN}/x` }),
    });
    expect((await noCurrency.json()).error).toMatchObject({ param: "currency" });
  });

  it("keeps each paid subscription invoice with its hosted page", async () => {
    const user = await account();
    const url = await createProCheckout(user.id, ORIGIN);
    await fake().completeCheckout(url.split("/checkout/")[1]);
    const [invoice] = await recentInvoices(user.id);
    expect(invoice).toMatchObject({ id: expect.stringMatching(/^in_/), amount: 20_000_000_000n, url: `${fake().url}/invoices/${invoice.id}` });
    expect((await fetch(invoice.url!)).status).toBe(200);
  });
});
