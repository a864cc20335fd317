// The Anthropic Messages API in the browser: a call through /v1/messages shows in the request log
// with its API; the docs' "Use with Claude Code" section gives this origin and the live aliases.
// Both pages pass axe and are screenshotted at desktop and mobile widths.
import Anthropic from "@anthropic-ai/sdk";
import { createKey, expect, signUp, test } from "./support/fixtures";
import { check } from "./support/page-check";

test("a Messages API call is logged as such; the docs show Claude Code's setup and model names", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await signUp(page);
  const key = await createKey(page, "Claude Code");
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  const sdk = new Anthropic({ apiKey: key, baseURL, maxRetries: 0 });
  const message = await sdk.messages.create({ model: "claude-haiku-4-5", max_tokens: 100, messages: [{ role: "user", content: "Say hi." }] });
  expect(message.model).toBe("qwen-turbo");
  const chat = await page.request.post("/v1/chat/completions", { headers: { authorization: `Bearer ${key}` }, data: { model: "deepseek-chat", messages: [{ role: "user", content: "Hi" }] } });
  expect(chat.status()).toBe(200);

  await page.goto("/dashboard/requests");
  const rows = page.getByTestId("requests-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  const messagesRow = page.locator(`tr[data-request-id="req_${message.id.slice(4)}"]`);
  await expect(messagesRow).toContainText("qwen-turbo");
  await expect(messagesRow.getByText("Messages", { exact: true })).toBeVisible();
  await expect(page.locator("tbody tr", { hasText: "deepseek-chat" }).getByText("Messages", { exact: true })).toHaveCount(0);
  await check(page, "/dashboard/requests");
  await page.goto(`/dashboard/requests/req_${message.id.slice(4)}`);
  await expect(page.getByRole("main")).toContainText("Messages");
  await check(page, `/dashboard/requests/req_${message.id.slice(4)}`);

  await page.goto("/docs#claude-code");
  const section = page.locator("#claude-code");
  await expect(section).toHaveText("Use with Claude Code");
  await expect(page.getByText(`export ANTHROPIC_BASE_URL=${baseURL}`)).toBeVisible();
  const names = page.getByRole("region", { name: "Model names" });
  await expect(names.locator("tr", { hasText: "deepseek-chat" })).toContainText("claude-sonnet-4-5");
  await expect(names.locator("tr", { hasText: "qwen-turbo" })).toContainText("claude-haiku-4-5");
  await expect(page.getByRole("region", { name: "Messages API errors" })).toContainText("overloaded_error");
  await check(page, "/docs");
});
