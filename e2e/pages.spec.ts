// Every page: no serious or critical axe violations, and a screenshot at desktop and mobile widths.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import OpenAI from "openai";
import { createKey, expect, signUp, test } from "./support/fixtures";

const PUBLIC = ["/", "/pricing", "/docs", "/login", "/register", "/forgot-password", "/reset-password?token=expired", "/verify-email?token=unknown"];
const DASHBOARD = ["/dashboard", "/dashboard/keys", "/dashboard/usage", "/dashboard/requests", "/dashboard/playground", "/dashboard/billing", "/dashboard/settings"];
const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "mobile", width: 390, height: 844 },
];

function fileName(path: string): string {
  return path.replace(/^\/$/, "/home").replace(/\/keys\/\w+$/, "/key-detail").replace(/\/requests\/\w+$/, "/request-detail").slice(1).replace(/[/?=&]/g, "-");
}

async function check(page: Page, path: string): Promise<void> {
  const errors: string[] = [];
  const onConsole = (msg: { type(): string; text(): string }) => {
    if (msg.type() === "error") errors.push(msg.text());
  };
  const onError = (err: Error) => errors.push(err.message);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), `${path} at ${size.name}`).toEqual([]);
    await page.screenshot({ path: `test-results/screens/${size.name}/${fileName(path)}.png`, fullPage: true });
  }
  page.off("console", onConsole);
  page.off("pageerror", onError);
  expect(errors, `console errors on ${path} (hydration mismatches included)`).toEqual([]);
}

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
