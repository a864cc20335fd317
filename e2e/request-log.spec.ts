// The request log: failed calls appear with their error code at cost 0; filters by status,
// model and key; search by the X-Request-Id a response carried; the detail view.
import type { APIRequestContext } from "@playwright/test";
import { createKey, expect, signUp, test } from "./support/fixtures";

async function chat(request: APIRequestContext, key: string, body: unknown): Promise<{ status: number; requestId: string }> {
  const res = await request.post("/v1/chat/completions", { headers: { authorization: `Bearer ${key}` }, data: body });
  return { status: res.status(), requestId: res.headers()["x-request-id"] };
}

test("every authenticated call is logged, failed ones with their code; filters, search and detail", async ({ page }) => {
  await signUp(page);
  const key = await createKey(page, "Log key");
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  const ok = await chat(page.request, key, { model: "deepseek-chat", messages: [{ role: "user", content: "Say hi." }] });
  const okQwen = await chat(page.request, key, { model: "qwen-turbo", messages: [{ role: "user", content: "Say hi." }] });
  const bad = await chat(page.request, key, { model: "deepseek-chat", messages: "not a list" });
  const unknown = await chat(page.request, key, { model: "gpt-nothing", messages: [{ role: "user", content: "hi" }] });
  expect([ok.status, okQwen.status, bad.status, unknown.status]).toEqual([200, 200, 400, 422]);

  await page.goto("/dashboard/requests");
  const rows = page.getByTestId("requests-table").locator("tbody tr");
  // A successful call's row is its settlement, gathered for SETTLE_GATHER_MS before it commits: a call made a
  // moment ago shows on the next load (the page was loaded within ~20 ms of the last answer here).
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(4, { timeout: 500 });
  }).toPass({ timeout: 10_000 });
  const badRow = page.locator(`tr[data-request-id="${bad.requestId}"]`);
  await expect(badRow.getByTestId("error-code")).toHaveText("invalid_request");
  await expect(badRow).toContainText("400");
  await expect(badRow.locator("[data-cost-nano]")).toHaveAttribute("data-cost-nano", "0");
  await expect(page.locator(`tr[data-request-id="${unknown.requestId}"]`).getByTestId("error-code")).toHaveText("invalid_model");

  // Status filter.
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/outcome=failed/);
  await expect(rows).toHaveCount(2);
  await expect(page.locator("tbody tr[data-status=ok]")).toHaveCount(0);

  // Model filter (with the status filter cleared).
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Model").selectOption("qwen-turbo");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(1);
  await expect(page.locator(`tr[data-request-id="${okQwen.requestId}"]`)).toBeVisible();

  // Date range: a day without calls is empty.
  await page.goto("/dashboard/requests?to=2020-01-01");
  await expect(page.getByText("No request matches these filters.")).toBeVisible();

  // Search by request id, then the detail view.
  await page.goto("/dashboard/requests");
  await page.getByLabel("Request id").fill(bad.requestId);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(1);
  await page.getByRole("link", { name: `Details of ${bad.requestId}` }).click();
  await expect(page.getByTestId("request-id")).toHaveText(bad.requestId);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("HTTP 400 · invalid_request");
  await expect(page.getByTestId("request-cost")).toHaveText("$0.00");

  // A billed request's detail shows how its cost was computed.
  await page.goto(`/dashboard/requests/${ok.requestId}`);
  await expect(page.getByTestId("cost-lines")).toContainText("input ×");
  await expect(page.getByTestId("cost-lines")).toContainText("output ×");

  // Another account cannot open it.
  await page.context().clearCookies();
  await signUp(page);
  const res = await page.goto(`/dashboard/requests/${ok.requestId}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
});
