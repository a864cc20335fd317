// A key's limits and permissions set in the browser, and the API keeping the page's promise:
// the model list and the spend limit refuse calls made with the official openai package,
// with the codes and wording the page announced; raising the limit lets calls through, and
// the keys list shows the spend against it. Axe and screenshots of both keys pages.
import OpenAI from "openai";
import { check } from "./support/page-check";
import { expect, query, signUp, test } from "./support/fixtures";

test("a key's spend limit and models, set in the browser, refuse calls as the page promised", async ({ page, baseURL }) => {
  await signUp(page);
  await page.goto("/dashboard/keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  await dialog.getByLabel("Name").fill("Capped");
  await dialog.getByText("Limits and permissions").click();
  await dialog.getByLabel("Spend limit (USD)").fill("0.000001");
  await dialog.getByLabel("Spend limit period").selectOption("DAY");
  await dialog.getByLabel("qwen-turbo").check();
  // A malformed address is refused inline, and the form keeps what was typed.
  await dialog.getByLabel("Allowed addresses").fill("10.0.0.0/33");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText('"10.0.0.0/33" is not an IP address or CIDR range (e.g. 203.0.113.7 or 10.0.0.0/8).')).toBeVisible();
  await expect(dialog.getByLabel("Allowed addresses")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "test-results/screens/desktop/dashboard-keys-create-controls.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screens/mobile/dashboard-keys-create-controls.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByLabel("Allowed addresses").fill("");
  const promisedLimit = await dialog.getByTestId("limit-promise").textContent();
  expect(promisedLimit).toContain("402 key_spend_limit_reached");
  const promisedModels = await dialog.getByTestId("models-promise").textContent();
  expect(promisedModels).toContain("403 model_not_allowed_for_key");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByRole("dialog", { name: "Your new API key" }).getByTestId("new-key").textContent()) ?? "";
  expect(secret).toMatch(/^sib-/);
  await page.keyboard.press("Escape");

  const client = new OpenAI({ apiKey: secret, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  const messages = [{ role: "user" as const, content: "Hello" }];
  const otherModel = await client.chat.completions.create({ model: "deepseek-chat", messages }).catch((e: unknown) => e);
  expect(otherModel).toBeInstanceOf(OpenAI.PermissionDeniedError);
  expect((otherModel as InstanceType<typeof OpenAI.APIError>).code).toBe("model_not_allowed_for_key");
  expect((otherModel as Error).message).toContain("This key may not call deepseek-chat; it may call qwen-turbo. Change its models in the dashboard (Keys → Capped).");

  const overLimit = await client.chat.completions.create({ model: "qwen-turbo", messages }).catch((e: unknown) => e);
  expect(overLimit).toBeInstanceOf(OpenAI.APIError);
  expect((overLimit as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
  expect((overLimit as InstanceType<typeof OpenAI.APIError>).code).toBe("key_spend_limit_reached");
  expect((overLimit as Error).message).toMatch(/This key's spend limit of \$0\.000001 per day \(UTC\) is reached .*; it resets at \d{4}-\d{2}-\d{2}T00:00:00Z\. Raise or remove the limit in the dashboard \(Keys → Capped\)/);

  // The key's page: raise the limit, and the next call goes through.
  await expect(page.getByTestId("key-spend").filter({ visible: true })).toHaveText("$0.00 of $0.000001 today");
  await page.getByRole("link", { name: "Capped" }).click();
  const form = page.getByRole("form", { name: "Limits and permissions" });
  await expect(form.getByLabel("Spend limit (USD)")).toHaveValue("0.000001");
  await expect(form.getByLabel("qwen-turbo")).toBeChecked();
  await form.getByLabel("Spend limit (USD)").fill("1");
  await form.getByRole("button", { name: "Save limits and permissions" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved. The key's next request uses these settings.");
  const answer = await client.chat.completions.create({ model: "qwen-turbo", messages });
  expect(answer.choices[0].message.content).toBeTruthy();

  // Settlement is off the response path: the list shows the spend once it is booked.
  const [{ id }] = await query<{ id: string }>(`SELECT id FROM "ApiKey" WHERE name = 'Capped' AND prefix = $1`, [`sib-…${secret.slice(-4)}`]);
  await expect.poll(async () => (await query<{ spent: string }>(`SELECT spent::text FROM "ApiKey" WHERE id = $1`, [id]))[0].spent, { timeout: 10_000 }).not.toBe("0");
  await page.goto("/dashboard/keys");
  await expect(page.getByTestId("key-spend").filter({ visible: true })).toHaveText(/^\$0\.0\d+ of \$1\.00 today$/);

  await check(page, "/dashboard/keys");
  await check(page, `/dashboard/keys/${id}`);
});
