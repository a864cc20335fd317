// Settings: name, password change, and account deletion (keys revoked, sign-in closed, ledger kept).
import OpenAI from "openai";
import { createKey, expect, logIn, PASSWORD, query, signUp, test } from "./support/fixtures";

test("change name and password", async ({ page }) => {
  const email = await signUp(page);
  await page.goto("/dashboard/settings");
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Welcome, Ada" })).toBeVisible();

  await page.goto("/dashboard/settings");
  await page.getByLabel("Current password").fill("wrong-current-1");
  await page.getByLabel("New password").fill("another-pass-9");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Your current password is not correct.");
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("another-pass-9");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  await page.context().clearCookies();
  await logIn(page, email, "another-pass-9");
});

test("deleting the account revokes its keys and closes sign-in, keeping the ledger", async ({ page, baseURL }) => {
  const email = await signUp(page);
  const secret = await createKey(page, "Doomed key");
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await page.goto("/dashboard/settings");
  await page.getByRole("button", { name: "Delete account" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/to confirm/).fill("someone-else@example.test");
  await dialog.getByRole("button", { name: "Delete account" }).click();
  await expect(dialog.locator("#confirm-email-error")).toHaveText("Type your e-mail address exactly to confirm.");
  await dialog.getByLabel(/to confirm/).fill(email);
  await dialog.getByRole("button", { name: "Delete account" }).click();
  await page.waitForURL((url) => url.pathname === "/");

  const client = new OpenAI({ apiKey: secret, baseURL: `${baseURL}/v1`, maxRetries: 0 });
  await expect(client.models.list()).rejects.toMatchObject({ status: 401 });
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong e-mail or password.");
  const [row] = await query<{ deleted: boolean; entries: string }>(
    `SELECT u."deletedAt" IS NOT NULL AS deleted, (SELECT count(*) FROM "LedgerEntry" l WHERE l."userId" = u.id)::text AS entries FROM "User" u WHERE u.email = $1`,
    [email],
  );
  expect(row).toEqual({ deleted: true, entries: "1" });
});
