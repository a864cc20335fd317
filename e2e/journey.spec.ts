// The main path: sign up → $5 → create and copy a key → call /v1 with it → see the call in
// usage (table and chart) and the balance drop by exactly its cost → rotate → revoke.
import OpenAI from "openai";
import { formatUsd } from "../lib/money";
import { createKey, expect, query, signUp, test } from "./support/fixtures";

const SIGNUP_NANO = 5_000_000_000n;

test("sign-up to first call, exact billing, rotate and revoke", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page);
  await expect(page.getByTestId("balance")).toHaveText("$5.00");
  await expect(page.getByTestId("balance")).toHaveAttribute("data-nano", SIGNUP_NANO.toString());

  // Create a key and copy it with the button.
  const secret = await createKey(page, "CI key");
  await page.getByRole("dialog").getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByRole("dialog").getByText("Copied")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expect(page.getByRole("dialog")).toContainText("you won’t see this key again");
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row", { name: /CI key/ });
  await expect(row).toContainText(`sib-…${secret.slice(-4)}`);
  await expect(row).not.toContainText(secret);

  // Call the API with the copied key, as any client would.
  const client = new OpenAI({ apiKey: secret, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  const { data: completion, response } = await client.chat.completions
    .create({ model: "deepseek-chat", messages: [{ role: "user", content: "Hello from the e2e test" }] })
    .withResponse();
  expect(response.headers.get("x-ratelimit-limit")).toBe("10");
  const usage = completion.usage!;
  const [price] = await query<{ input: string; output: string }>(`SELECT "inputPrice"::text AS input, "outputPrice"::text AS output FROM "Model" WHERE id = 'deepseek-chat'`);
  const cost = BigInt(usage.prompt_tokens) * BigInt(price.input) + BigInt(usage.completion_tokens) * BigInt(price.output);
  expect(cost).toBeGreaterThan(0n);

  // The call appears in the usage table with its exact cost, and in the charts.
  const requestId = response.headers.get("x-request-id")!;
  await expect(async () => {
    await page.goto("/dashboard/usage");
    await expect(page.locator(`tr[data-request-id="${requestId}"]`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const usageRow = page.locator(`tr[data-request-id="${requestId}"]`);
  await expect(usageRow).toContainText("deepseek-chat");
  await expect(usageRow).toContainText("CI key");
  await expect(usageRow.locator("[data-cost-nano]")).toHaveAttribute("data-cost-nano", cost.toString());
  await expect(page.getByTestId("total-tokens")).toHaveText(String(usage.total_tokens));
  const tokensChart = page.getByTestId("usage-chart-tokens");
  await expect(tokensChart).toHaveAttribute("aria-label", new RegExp(`${usage.total_tokens} tokens in total`));
  await expect(tokensChart.locator(".recharts-bar-rectangle path, .recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("usage-chart-usd").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7/);
  await expect(usageRow).toBeVisible();

  // The CSV export has the same request with its exact cost.
  const csv = await (await page.request.get("/api/usage/export?range=7")).text();
  const line = csv.split("\n").find((l) => l.includes(requestId))!;
  expect(line.split(",").slice(2, 8)).toEqual([
    "deepseek-chat", "CI key", String(usage.prompt_tokens), String(usage.completion_tokens), String(usage.total_tokens), formatUsd(cost, 9).slice(1),
  ]);

  // The balance dropped by exactly that cost.
  await page.goto("/dashboard");
  await expect(page.getByTestId("balance")).toHaveAttribute("data-nano", (SIGNUP_NANO - cost).toString());
  await expect(page.getByTestId("month-requests")).toHaveText("1");

  // Rotate: a new secret, shown once; the old one is refused at once.
  await page.goto("/dashboard/keys");
  await page.getByRole("button", { name: "Rotate CI key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate key" }).click();
  const rotated = (await page.getByRole("dialog").getByTestId("new-key").textContent()) ?? "";
  expect(rotated).toMatch(/^sib-[0-9A-Za-z]{48}$/);
  expect(rotated).not.toBe(secret);
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  const old = client.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: "hi" }] });
  await expect(old).rejects.toMatchObject({ status: 401, code: "invalid_api_key" });
  const fresh = new OpenAI({ apiKey: rotated, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  const models = await fresh.models.list();
  expect(models.data.map((m) => m.id)).toContain("deepseek-chat");

  // Revoke, after confirming.
  await page.getByRole("button", { name: "Revoke CI key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /CI key/ })).toHaveCount(0);
  await expect(page.getByTestId("key-count")).toHaveText("0");
  await expect(fresh.models.list()).rejects.toMatchObject({ status: 401 });
});
