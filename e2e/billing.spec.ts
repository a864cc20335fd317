// Billing in a real browser: upgrade to Pro through the (fake) Stripe Checkout and its signed
// webhooks, see the key's limits change, cancel through the portal; buy credits and see
// exactly that amount booked. Screenshots of the page go to test-results/screenshots/.
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { confirmEmail } from "./support/mail";

async function signUp(page: Page): Promise<void> {
  const email = `billing-${randomUUID()}@example.com`;
  await page.goto("/register");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("billing-e2e-2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/dashboard(\?|$)/);
  await confirmEmail(page, email);
}

async function createKey(page: Page): Promise<string> {
  await page.goto("/dashboard/keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("billing e2e");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = (await dialog.getByTestId("new-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^sib-/);
  return key;
}

/** The X-RateLimit-Limit a chat completion with this key is answered with. */
async function rateLimitOf(request: APIRequestContext, key: string): Promise<string | undefined> {
  const res = await request.post("/v1/chat/completions", {
    headers: { authorization: `Bearer ${key}` },
    data: { model: "deepseek-chat", messages: [{ role: "user", content: "hi" }], max_tokens: 4 },
  });
  expect(res.status()).toBe(200);
  return res.headers()["x-ratelimit-limit"];
}

async function balanceNano(page: Page): Promise<bigint> {
  return BigInt((await page.getByTestId("balance").getAttribute("data-balance-nano")) ?? "NaN");
}

async function payOnStripe(page: Page, price: string): Promise<void> {
  await page.waitForURL(/\/checkout\/cs_test_/);
  await page.getByRole("button", { name: `Pay ${price}` }).click();
}

async function screenshot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
    await page.screenshot({ path: `test-results/screenshots/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("upgrading to Pro through Stripe Checkout raises the key's limits on the next request; cancelling lowers them", async ({ page, request }) => {
  await signUp(page);
  const key = await createKey(page);
  expect(await rateLimitOf(request, key)).toBe("10");

  await page.goto("/dashboard/billing");
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await page.getByRole("button", { name: "Upgrade to Pro" }).click();
  await expect(page.getByRole("heading", { name: "SIB AI Pro" })).toBeVisible();
  await payOnStripe(page, "$20.00");

  await page.waitForURL(/\/dashboard\/billing\?checkout=pro/);
  await expect(page.getByText("Welcome to Pro")).toBeVisible();
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  expect(await rateLimitOf(request, key)).toBe("100");
  await expect(page.getByRole("list", { name: "Subscription invoices" }).getByRole("link", { name: /Invoice/ })).toHaveAttribute("href", /\/invoices\/in_/);
  await screenshot(page, "billing-pro");

  await page.getByRole("button", { name: "Manage subscription" }).click();
  await page.waitForURL(/\/portal\/bps_/);
  await page.getByRole("button", { name: "Cancel plan" }).click();
  await page.waitForURL(/\/dashboard\/billing$/);
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  expect(await rateLimitOf(request, key)).toBe("10");
});

test("buying credits adds exactly the amount paid and shows it in the history", async ({ page }) => {
  await signUp(page);
  await page.goto("/dashboard/billing");
  const before = await balanceNano(page);
  expect(before).toBe(5_000_000_000n);

  await page.getByText("$25", { exact: true }).click();
  await page.getByRole("button", { name: "Continue to checkout" }).click();
  await expect(page.getByRole("heading", { name: "SIB AI credits" })).toBeVisible();
  await payOnStripe(page, "$25.00");
  await page.waitForURL(/\/dashboard\/billing\?checkout=credits/);
  await expect(page.getByText("$25.00 was added to your balance.")).toBeVisible();
  expect(await balanceNano(page)).toBe(before + 25_000_000_000n);
  const top = page.getByRole("region", { name: "Ledger history" }).locator("tbody tr").first();
  await expect(top).toHaveAttribute("data-kind", "TOPUP");
  await expect(top).toHaveAttribute("data-amount-nano", "25000000000");
  await expect(top).toContainText("+$25.00");
  await expect(top).toContainText("$30.00");

  await page.getByText("Custom", { exact: true }).click();
  const custom = page.getByLabel("Custom amount (USD)");
  await custom.fill("2");
  await page.getByRole("button", { name: "Continue to checkout" }).click();
  await expect(page.getByText("Choose an amount between $5 and $1000.")).toBeVisible();
  await expect(custom).toHaveAttribute("aria-invalid", "true");
  await custom.fill("12.34");
  await page.getByRole("button", { name: "Continue to checkout" }).click();
  await payOnStripe(page, "$12.34");
  await page.waitForURL(/\/dashboard\/billing\?checkout=credits/);
  expect(await balanceNano(page)).toBe(before + 25_000_000_000n + 12_340_000_000n);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await screenshot(page, "billing-free");
});

test("a canceled checkout books nothing and says so", async ({ page }) => {
  await signUp(page);
  await page.goto("/dashboard/billing");
  await page.getByRole("button", { name: "Continue to checkout" }).click();
  await page.waitForURL(/\/checkout\/cs_test_/);
  await page.getByRole("link", { name: "Cancel and go back" }).click();
  await page.waitForURL(/\/dashboard\/billing\?checkout=canceled/);
  await expect(page.getByText("Checkout canceled")).toBeVisible();
  expect(await balanceNano(page)).toBe(5_000_000_000n);
});
