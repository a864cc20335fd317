// Low-balance alerts and auto top-up in a real browser against the production server, the
// simulator and the fake Stripe: the banner appears once spending takes the balance below the
// threshold (and the alert is mailed once); a card saved through the fake Checkout pays one
// auto top-up when a call takes the balance below the line, booked through the webhook and
// shown in the balance and the history with its receipt. Screenshots via page-check.
import { createHash } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { createKey, expect, query, signUp, test } from "./support/fixtures";
import { mailsTo } from "./support/mail";
import { check } from "./support/page-check";

/** One billed call costing about a cent (3,000 reasoner tokens from the simulator, at once). */
async function spendACent(request: APIRequestContext, key: string): Promise<void> {
  const res = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${key}` },
    data: { model: "deepseek-reasoner", messages: [{ role: "user", content: "[[sim:tokens=3000]] [[sim:delay=0]] hi" }], max_tokens: 4000 },
  });
  expect(res.status()).toBe(200);
}

async function balanceNano(page: Page): Promise<bigint> {
  return BigInt((await page.getByTestId("balance").getAttribute("data-balance-nano")) ?? "NaN");
}

/** Messages delivered to `email` with this subject. */
const mailed = (email: string, subject: string): number => mailsTo(email).filter((m) => m.subject === subject).length;

test("the low-balance banner appears after spending below the threshold, and the alert is mailed once", async ({ page, request }) => {
  const email = await signUp(page);
  const key = await createKey(page, "alerts e2e");
  await page.goto("/dashboard/billing");
  const threshold = page.getByLabel("Alert below (USD)");
  await expect(threshold).toHaveValue("1.00");
  await threshold.fill("5.00");
  await page.getByRole("button", { name: "Save alert" }).click();
  await expect(page.getByText("Saved. You are e-mailed once")).toBeVisible();
  await page.reload();
  await expect(threshold).toHaveValue("5.00");
  await expect(page.getByTestId("low-balance-state")).toHaveText("Your balance is above it.");
  await expect(page.getByTestId("balance-banner")).toHaveCount(0);

  await spendACent(request, key);
  await expect(async () => {
    await page.goto("/dashboard");
    await expect(page.getByTestId("balance-banner")).toHaveAttribute("data-level", "low", { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByText(/Your balance is low: \$4\.9\d/)).toBeVisible();
  await page.getByRole("link", { name: "Go to Billing" }).click();
  await page.waitForURL(/\/dashboard\/billing$/);
  await expect(page.getByTestId("low-balance-state")).toContainText("Your balance is below it now");
  await expect.poll(() => mailed(email, "Your SIB AI balance is below $5.00")).toBe(1);

  await spendACent(request, key);
  await page.waitForTimeout(500);
  expect(mailed(email, "Your SIB AI balance is below $5.00")).toBe(1);
  await check(page, "/dashboard");
});

test("auto top-up saves a card through Checkout and fires once when a call takes the balance below the line", async ({ page, request }) => {
  await signUp(page);
  const key = await createKey(page, "top-up e2e");
  await page.goto("/dashboard/billing");
  await expect(page.getByTestId("auto-topup-status")).toContainText("No card saved yet.");
  await page.getByLabel("Top up below (USD)").fill("5.00");
  await page.getByLabel("Top-up amount (USD)").fill("10.00");
  await page.getByRole("button", { name: "Save a card and turn on" }).click();
  await page.waitForURL(/\/checkout\/cs_test_/);
  await expect(page.getByRole("heading", { name: "Save a card" })).toBeVisible();
  await page.getByRole("button", { name: "Save card" }).click();
  await page.waitForURL(/\/dashboard\/billing\?checkout=card/);
  await expect(page.getByText("Card saved")).toBeVisible();
  await expect(page.getByTestId("auto-topup-status")).toContainText("When your balance falls below $5.00, $10.00 is charged to your saved card.");
  const before = await balanceNano(page);
  expect(before).toBe(5_000_000_000n);

  await spendACent(request, key);
  await expect(async () => {
    await page.goto("/dashboard/billing");
    expect(await balanceNano(page)).toBeGreaterThan(14_000_000_000n);
  }).toPass({ timeout: 15_000 });
  // The day's usage is one row at the day's end, so the top-up is the newest row that is not usage.
  const rows = page.getByRole("region", { name: "Ledger history" }).locator("tbody tr");
  await expect(rows.first()).toHaveAttribute("data-kind", "USAGE");
  const top = rows.nth(1);
  await expect(top).toHaveAttribute("data-kind", "TOPUP");
  await expect(top).toHaveAttribute("data-amount-nano", "10000000000");
  await expect(top).toContainText("Auto top-up ($10.00)");
  const receipt = top.getByRole("link", { name: /Receipt/ });
  await expect(receipt).toHaveAttribute("href", /\/receipts\/ch_/);
  const href = (await receipt.getAttribute("href"))!;
  await expect(page.getByTestId("balance-banner")).toHaveCount(0);

  // More calls above the line charge nothing more.
  await spendACent(request, key);
  await page.waitForTimeout(1000);
  const topups = await query<{ n: string }>(
    `SELECT count(*)::text AS n FROM "LedgerEntry" l JOIN "User" u ON u.id = l."userId" JOIN "ApiKey" k ON k."userId" = u.id
     WHERE k.hash = $1 AND l.reference LIKE 'topup:%'`,
    [createHash("sha256").update(key).digest("hex")],
  );
  expect(topups[0].n).toBe("1");

  await page.goto(href);
  await expect(page.getByRole("heading", { name: "Receipt from SIB AI" })).toBeVisible();
  await expect(page.getByText("Amount paid: $10.00")).toBeVisible();

  // A purchase through Checkout: the billing details typed there are kept and shown, with its receipt.
  await page.goto("/dashboard/billing");
  await page.getByText("$10", { exact: true }).click();
  await page.getByRole("button", { name: "Continue to checkout" }).click();
  await page.waitForURL(/\/checkout\/cs_test_/);
  await page.getByLabel("Name on the invoice").fill("Ada Analytics GmbH");
  await page.getByLabel("Address").fill("Hauptstr. 1");
  await page.getByLabel("City").fill("Berlin");
  await page.getByLabel("Postal code").fill("10115");
  await page.getByLabel("Country (2 letters)").fill("DE");
  await page.getByLabel(/VAT number/).fill("DE123456789");
  await page.getByRole("button", { name: "Pay $10.00" }).click();
  await page.waitForURL(/\/dashboard\/billing\?checkout=credits/);
  const details = page.getByTestId("billing-details");
  await expect(details).toContainText("Ada Analytics GmbH");
  await expect(details).toContainText("10115 Berlin");
  await expect(details).toContainText("EU VAT DE123456789");
  const purchase = rows.filter({ hasText: "Credits purchase ($10.00)" });
  await expect(purchase).toHaveCount(1);
  await expect(purchase).toHaveAttribute("data-kind", "TOPUP");
  await expect(purchase.getByRole("link", { name: /Receipt/ })).toHaveAttribute("href", /\/receipts\/ch_/);
  await check(page, "/dashboard/billing");
});
