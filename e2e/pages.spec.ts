// Every page: no serious or critical axe violations, and a screenshot at desktop and mobile widths.
import OpenAI from "openai";
import { createKey, signUp, test } from "./support/fixtures";
import { check } from "./support/page-check";

const PUBLIC = ["/", "/pricing", "/docs", "/login", "/register", "/forgot-password", "/reset-password?token=expired"];
const DASHBOARD = ["/dashboard", "/dashboard/keys", "/dashboard/usage", "/dashboard/playground", "/dashboard/settings"];

test("public pages are accessible and screenshotted", async ({ page }) => {
  test.setTimeout(180_000);
  for (const path of PUBLIC) await check(page, path);
});

test("dashboard pages, with data, are accessible and screenshotted", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  await signUp(page, undefined, undefined, "Grace Hopper");
  const secret = await createKey(page, "Screenshot key");
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  const client = new OpenAI({ apiKey: secret, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  for (const model of ["deepseek-chat", "qwen-turbo", "glm-4-flash"]) {
    await client.chat.completions.create({ model, messages: [{ role: "user", content: "Write one sentence about the sea." }] });
  }
  const [{ id }] = (await page.request.get("/dashboard/keys").then(async () => [{ id: await page.locator("tr[data-key-id]").first().getAttribute("data-key-id") }])) as { id: string }[];
  for (const path of [...DASHBOARD, `/dashboard/keys/${id}`, "/dashboard/usage?split=key&range=7"]) await check(page, path);
});
