// The playground streams an answer through /v1, shows tokens and cost, and bills like any client.
import { expect, query, signUp, test } from "./support/fixtures";
import { formatCost } from "../lib/money-format";

test("a playground call streams, shows its cost and is billed to the balance", async ({ page }) => {
  const email = await signUp(page);
  await page.goto("/dashboard/playground");
  await page.getByLabel("Model").selectOption("qwen-turbo");
  await page.getByLabel("Message").fill("Say something nice");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.locator('[data-role="assistant"]')).not.toBeEmpty();
  await expect(page.getByTestId("stat-cost")).toBeVisible({ timeout: 20_000 });
  const prompt = Number(await page.getByTestId("stat-prompt").textContent());
  const completion = Number(await page.getByTestId("stat-completion").textContent());
  expect(prompt).toBeGreaterThan(0);
  expect(completion).toBeGreaterThan(0);

  const [price] = await query<{ input: string; output: string }>(`SELECT "inputPrice"::text AS input, "outputPrice"::text AS output FROM "Model" WHERE id = 'qwen-turbo'`);
  const cost = BigInt(prompt) * BigInt(price.input) + BigInt(completion) * BigInt(price.output);
  await expect(page.getByTestId("stat-cost")).toHaveText(formatCost(cost));

  // Billed through the ledger under the playground key, which is not listed among the keys.
  await expect(async () => {
    const rows = await query<{ cost: string; name: string }>(
      `SELECT g.cost::text AS cost, k.name FROM "UsageLog" g JOIN "ApiKey" k ON k.id = g."apiKeyId" JOIN "User" u ON u.id = g."userId" WHERE u.email = $1`,
      [email],
    );
    expect(rows).toEqual([{ cost: cost.toString(), name: "Playground" }]);
  }).toPass({ timeout: 15_000 });
  await page.goto("/dashboard");
  await expect(page.getByTestId("balance")).toHaveAttribute("data-nano", (5_000_000_000n - cost).toString());
  await page.goto("/dashboard/keys");
  await expect(page.getByTestId("key-count")).toHaveText("0");
  await expect(page.getByRole("row", { name: /Playground/ })).toHaveCount(0);
});

test("a call the balance cannot cover shows the error in place, with a link to add credits", async ({ page }) => {
  await signUp(page, undefined, undefined, undefined, false); // unverified: no credits yet
  await page.goto("/dashboard/playground");
  await page.getByLabel("Max tokens").fill("200");
  await page.getByLabel("Message").fill("Hello there");
  await page.getByRole("button", { name: "View code" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`${new URL(page.url()).origin}/v1/chat/completions`);
  await expect(dialog).toContainText('"max_tokens": 200');
  await expect(dialog).toContainText('"content": "Hello there"');
  await dialog.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const error = page.getByTestId("playground-error");
  await expect(error).toContainText("Your credit balance is too low");
  await expect(error.getByRole("link", { name: "Add credits" })).toHaveAttribute("href", "/dashboard/billing");
  await expect(page.locator('[data-role="assistant"]')).toHaveCount(0);
});
