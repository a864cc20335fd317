// The operator console in real Chromium: an operator finds an account by key prefix, grants
// credits, changes a price that bills the next /v1 call, adds, tests and disables a channel,
// suspends the account (its open tab is signed out); everyone else gets 404 on every console route and action.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import OpenAI from "openai";
import type { Browser, Page } from "@playwright/test";
import { createKey, expect, PASSWORD, query, signUp, test, uniqueEmail } from "./support/fixtures";
import { check } from "./support/page-check";

const root = path.resolve(import.meta.dirname, "..");

/** `npm run admin -- …args` against the e2e database (tsx, like the README's command). */
function admin(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(path.join(root, "node_modules/.bin/tsx"), ["scripts/admin.ts", ...args], {
      cwd: root, timeout: 60_000, env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, LOG_LEVEL: "warn", NODE_ENV: "test" },
    }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

/** A signed-in operator in a page of its own. */
async function operatorPage(browser: Browser): Promise<{ page: Page; email: string }> {
  const page = await (await browser.newContext()).newPage();
  const email = await signUp(page, uniqueEmail("operator"));
  await admin(["set-role", "--email", email, "--role", "admin"]);
  return { page, email };
}

/** Every console URL, enumerated from app/admin: pages and route handlers, dynamic segments filled in. */
function consoleRoutes(fill: Record<string, string>): string[] {
  const dir = path.join(root, "app/admin");
  const found: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "page.tsx" || name === "route.ts") {
        const rel = path.relative(path.join(root, "app"), path.dirname(full));
        found.push("/" + rel.split(path.sep).map((seg) => fill[seg] ?? seg).join("/"));
      }
    }
  };
  walk(dir);
  return found.sort();
}

/** The server actions defined under app/admin, from the build's manifest: each id with the page that serves it. */
function consoleActions(fill: Record<string, string>): { id: string; page: string }[] {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string }>;
  };
  return Object.entries(manifest.node)
    .filter(([, a]) => (a.filename ?? "").startsWith("app/admin/"))
    .flatMap(([id, a]) => Object.keys(a.workers).map((worker) => ({
      id, page: "/" + worker.replace(/^app\//, "").replace(/\/page$/, "").split("/").map((seg) => fill[seg] ?? seg).join("/"),
    })));
}

test("customers and visitors get 404 on every console page, route and action", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const victim = await signUp(page, uniqueEmail("victim"));
  const [{ id }] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [victim]);
  const routes = consoleRoutes({ "[id]": id, "[requestId]": "req-none" });
  expect(routes).toEqual(expect.arrayContaining(["/admin", "/admin/accounts", `/admin/accounts/${id}`, "/admin/audit", "/admin/audit/export", "/admin/channels", "/admin/models", "/admin/requests", "/admin/requests/req-none"]));
  const actions = consoleActions({ "[id]": id });
  expect(actions.length).toBeGreaterThanOrEqual(10);
  const visitor = await (await browser.newContext({ baseURL })).newPage();
  for (const [who, p] of [["customer", page], ["visitor", visitor]] as const) {
    for (const route of routes) expect((await p.request.get(route)).status(), `${who} GET ${route}`).toBe(404);
    for (const action of actions) {
      const form = { "1_id": id, "1_amount": "1000", "1_reason": "stolen", "1_name": "x", "1_suspend": "true", "1_plan": "ENTERPRISE", "0": '["$K1"]' };
      const res = await p.request.post(action.page, { headers: { "Next-Action": action.id }, multipart: form });
      expect(res.status(), `${who} action ${action.id} on ${action.page}`).toBe(404);
    }
  }
  const [row] = await query<{ balance: string; plan: string; suspendedAt: Date | null }>(`SELECT balance::text, plan::text, "suspendedAt" FROM "User" WHERE id = $1`, [id]);
  expect(row).toEqual({ balance: "5000000000", plan: "FREE", suspendedAt: null });
});

test("an operator grants, reprices, adds and tests a channel, and suspends an account", async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  // The customer, with a key.
  const customer = await signUp(page, uniqueEmail("customer"));
  const secret = await createKey(page, "Prod");
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  const shown = `sib-…${secret.slice(-4)}`;

  const { page: op, email: operator } = await operatorPage(browser);
  await op.goto("/admin/accounts");
  await op.getByLabel("Search").fill(shown);
  await op.getByRole("button", { name: "Search" }).click();
  await op.getByRole("link", { name: customer }).click();
  await expect(op.getByRole("heading", { name: customer })).toBeVisible();

  // Grant $10 with a reason.
  const grant = op.getByRole("form", { name: "Grant or deduct credits" });
  await grant.getByLabel("Amount (USD)").fill("10");
  await grant.getByLabel("Reason (internal)").fill("Goodwill for outage INC-7");
  await grant.getByRole("button", { name: "Book it" }).click();
  await expect(grant.getByRole("status")).toHaveText("Granted $10.00. Balance now $15.00.");
  await expect(op.getByTestId("account-balance")).toHaveText("$15.00");
  await page.goto("/dashboard/billing");
  await expect(page.getByText("Credit added by SIB AI")).toBeVisible();
  await expect(page.getByText("Goodwill for outage INC-7")).toHaveCount(0);
  await op.goto("/admin/audit");
  const auditRow = op.getByRole("row").filter({ hasText: "account.grant" }).filter({ hasText: "INC-7" });
  await expect(auditRow).toContainText(operator);

  // Reprice deepseek-v3 and give it an alias; the next /v1 call by the alias is billed at the new price.
  await op.goto("/admin/models");
  const card = op.getByTestId("model-deepseek-v3");
  const alias = `e2e-v3-${Date.now().toString(36)}`;
  await card.getByLabel("Input (USD per 1M)", { exact: true }).fill("2.5");
  await card.getByLabel("Output (USD per 1M)", { exact: true }).fill("7.5");
  await card.getByLabel(/^Aliases/).fill(`${alias}, deepseek-chat`);
  await card.getByRole("button", { name: "Save" }).click();
  // A name that is another model's is refused, and nothing is saved.
  await expect(card.getByText('"deepseek-chat" already names deepseek-chat.')).toBeVisible();
  await card.getByLabel(/^Aliases/).fill(alias);
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByRole("status")).toHaveText(/^Saved \(inputPrice, outputPrice, aliases\)/);
  await expect(card.getByTestId("model-deepseek-v3-replaced")).toContainText("inputPrice $0.36/1M, outputPrice $0.54/1M");
  const client = new OpenAI({ apiKey: secret, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  const { data: reply, response } = await client.chat.completions.create({ model: alias, messages: [{ role: "user", content: "Price check." }] }).withResponse();
  const requestId = response.headers.get("x-request-id")!;
  const expected = BigInt(reply.usage!.prompt_tokens) * 2500n + BigInt(reply.usage!.completion_tokens) * 7500n;
  // Settlement commits in batches, a moment after the answer; the request log then shows it by id.
  await expect.poll(async () => (await query<{ cost: string }>(`SELECT cost::text FROM "UsageLog" WHERE "requestId" = $1`, [requestId]))[0]?.cost).toBe(expected.toString());
  await op.goto("/admin/requests");
  await op.getByLabel("Request id").fill(requestId);
  await op.getByRole("button", { name: "Apply" }).click();
  await op.getByRole("region", { name: "Requests" }).getByRole("link").first().click();
  await expect(op.getByTestId("request-cost")).toHaveText(`$${(Number(expected) / 1e9).toFixed(9).replace(/0+$/, "")}`);

  // A channel: this very gateway as an OpenAI-compatible upstream, under a public id no one else uses.
  const channel = `e2e-${Date.now().toString(36)}`;
  await op.goto("/admin/channels");
  const add = op.getByRole("form", { name: "Add a channel" });
  await add.getByLabel("Name").fill(channel);
  await add.getByLabel("Provider").selectOption("openai");
  await add.getByLabel("Base URL").fill(`${baseURL}/v1`);
  await add.getByLabel("API key").fill(secret);
  await add.getByLabel("Models").fill(`${channel}-probe=deepseek-chat`);
  await add.getByRole("button", { name: "Add channel" }).click();
  await expect(add.getByRole("status")).toHaveText(`Channel ${channel} added.`);
  const channelCard = op.getByTestId(`channel-${channel}`);
  await expect(channelCard).toContainText(`key …${secret.slice(-4)}`);
  await expect(channelCard.getByLabel("API key")).toHaveValue("");
  await channelCard.getByRole("button", { name: "Test" }).click();
  await expect(channelCard.getByRole("form", { name: `Test ${channel}` }).getByRole("status")).toHaveText(/^Test passed: deepseek-chat answered in \d+ ms/);
  await channelCard.getByRole("button", { name: "Disable" }).click();
  await expect(op.getByTestId(`channel-${channel}-health`)).toHaveText("Disabled");

  // Suspend: the key answers 401 at once, sign-in says why.
  await op.goto("/admin/accounts?q=" + encodeURIComponent(customer));
  await op.getByRole("link", { name: customer }).click();
  const suspend = op.getByRole("form", { name: "Suspension" });
  await suspend.getByLabel("Reason (internal)").fill("Card testing");
  await suspend.getByRole("button", { name: "Suspend account" }).click();
  await expect(suspend.getByRole("status")).toHaveText("Account suspended: its keys answer 401 now and its browsers are signed out.");
  await expect(client.chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: "Still there?" }] })).rejects.toMatchObject({ status: 401 });
  // The customer's open dashboard tab is signed out at its next request.
  await page.goto("/dashboard/billing");
  await expect(page).toHaveURL(/\/login/);
  const again = await (await browser.newContext({ baseURL })).newPage();
  await again.goto("/login");
  await again.getByLabel("E-mail").fill(customer);
  await again.getByLabel("Password").fill(PASSWORD);
  await again.getByRole("button", { name: "Log in" }).click();
  await expect(again.getByRole("alert").filter({ hasText: "suspended" })).toHaveText("This account is suspended. Contact support to have it reinstated.");
  await op.goto("/admin/audit?action=account.suspend");
  await expect(op.getByRole("row").filter({ hasText: "Card testing" })).toContainText(operator);
  const csv = await op.request.get("/admin/audit/export?action=account.grant");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("Goodwill for outage INC-7");
});

/** An operator with a little data of its own; returns its page and account id. */
async function operatorWithData(browser: Browser): Promise<{ page: Page; id: string }> {
  const { page, email } = await operatorPage(browser);
  const [{ id }] = await query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  await admin(["grant", "--email", email, "--credits", "3", "--reason", "screenshot data"]);
  return { page, id };
}

// Two halves, so each stays well inside its time on a shared machine.
test("console pages (overview, accounts, requests) are accessible and screenshotted", async ({ browser }) => {
  test.setTimeout(360_000);
  const { page, id } = await operatorWithData(browser);
  const [request] = await query<{ requestId: string }>(`SELECT "requestId" FROM "UsageLog" ORDER BY id DESC LIMIT 1`);
  for (const p of ["/admin", "/admin/accounts", `/admin/accounts/${id}`, "/admin/requests", ...(request ? [`/admin/requests/${request.requestId}`] : [])]) await check(page, p);
});

test("console pages (models, channels, audit, 30-day overview) are accessible and screenshotted", async ({ browser }) => {
  test.setTimeout(360_000);
  const { page } = await operatorWithData(browser);
  for (const p of ["/admin/models", "/admin/channels", "/admin/audit", "/admin?window=30d"]) await check(page, p);
});
