// Shared e2e fixtures: the server's base URL, a database reader, and sign-up through the UI.
import { test as base, expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { confirmEmail } from "./mail";

export { expect };

export const PASSWORD = "correct-horse-42";

/** A fresh, unique e-mail address. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

/** Read-only queries against the run's database (exact prices, ledger, usage rows). */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Sign up through the register page, confirm the mailed link (unless `verify` is false: no credits then), land on the dashboard. */
export async function signUp(page: Page, email = uniqueEmail(), password = PASSWORD, name?: string, verify = true): Promise<string> {
  await page.goto("/register");
  if (name) await page.getByLabel("Name").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/dashboard/);
  if (verify) await confirmEmail(page, email);
  return email;
}

/** Log in through the login page. */
export async function logIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/dashboard/);
}

/** On the login page, fail to sign in as `email` `times` times with wrong passwords. */
export async function failLogins(page: Page, email: string, times: number): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  for (let i = 0; i < times; i++) {
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong e-mail or password.");
    await expect(page.getByRole("button", { name: "Log in" })).toBeEnabled();
  }
}

/** Create a key on the keys page; returns the secret shown once. */
export async function createKey(page: Page, name: string): Promise<string> {
  await page.goto("/dashboard/keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const secret = (await dialog.getByTestId("new-key").textContent()) ?? "";
  expect(secret).toMatch(/^sib-[0-9A-Za-z]{48}$/);
  return secret;
}

/** Playwright's test with baseURL taken from the running server (set by the global setup). */
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error("E2E_BASE_URL is not set: run through playwright.config.ts (its global setup starts the server).");
    await use(url);
  },
});
