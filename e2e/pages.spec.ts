// Every page: no serious or critical axe violations, and a screenshot at desktop and mobile widths.
import OpenAI from "openai";
import { createKey, signUp, test } from "./support/fixtures";
import { check } from "./support/page-check";

const PUBLIC = ["/", "/pricing", "/docs", "/login", "/register", "/forgot-password", "/reset-password?token=expired", "/verify-email?token=unknown"];
const DASHBOARD = ["/dashboard", "/dashboard/keys", "/dashboard/usage", "/dashboard/requests", "/dashboard/playground", "/dashboard/billing", "/dashboard/settings"];

test("public pages are accessible and screenshotted", async ({ page }) => {
  test.setTimeout(300_000); // every page twice, with axe: minutes on a busy machine
  for (const path of PUBLIC) await check(page, path);
});

test("dashboard pages, with data, are accessible and screenshotted", async ({ page, baseURL }) => {
  test.setTimeout(480_000); // ten pages twice, with axe, after sign-up and three calls
  await signUp(page, undefined, undefined, "Grace Hopper");
  const secret = await createKey(page, "Screenshot key");
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  const client = new OpenAI({ apiKey: secret, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  for (const model of ["deepseek-chat", "qwen-turbo", "glm-4-flash"]) {
    await client.chat.completions.create({ model, messages: [{ role: "user", content: "Write one sentence about the sea." }] });
  }
  const [{ id }] = (await page.request.get("/dashboard/keys").then(async () => [{ id: await page.locator("tr[data-key-id]").first().getAttribute("data-key-id") }])) as { id: string }[];
  const failed = await page.request.post("/v1/chat/completions", { headers: { authorization: `Bearer ${secret}` }, data: { model: "deepseek-chat", messages: "not a list" } });
  const requestId = failed.headers()["x-request-id"];
  for (const path of [...DASHBOARD, `/dashboard/keys/${id}`, "/dashboard/usage?split=key&range=7", `/dashboard/requests/${requestId}`]) await check(page, path);
});
