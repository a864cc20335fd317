// Account security: e-mail verification and the grant it books, e-mail change by link,
// two-factor sign-in (code, then recovery code), sign out everywhere, password change.
import type { Browser, Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expect, logIn, PASSWORD, query, signUp, test, uniqueEmail } from "./support/fixtures";
import { confirmEmail, mailedLink } from "./support/mail";

async function grants(email: string): Promise<string[]> {
  const rows = await query<{ amount: string }>(`SELECT l.amount::text FROM "LedgerEntry" l JOIN "User" u ON u.id = l."userId" WHERE u.email = $1 AND l.kind = 'GRANT'`, [email]);
  return rows.map((r) => r.amount);
}

/** A second browser signed in to the same account. */
async function secondBrowser(browser: Browser, baseURL: string, email: string, password = PASSWORD): Promise<Page> {
  const other = await browser.newPage({ baseURL });
  await logIn(other, email, password);
  return other;
}

test("an unverified account looks around without credits; confirming the mailed link books the grant once", async ({ page }) => {
  const email = await signUp(page, uniqueEmail("verify"), PASSWORD, undefined, false);
  await expect(page.getByTestId("balance")).toHaveText("$0.00");
  await expect(page.getByTestId("verify-banner")).toContainText(email);
  expect(await grants(email)).toEqual([]);

  const link = await mailedLink(email, "/verify-email");
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm e-mail address" }).click();
  await page.waitForURL(/\/dashboard\?verified=1/);
  await expect(page.getByTestId("balance")).toHaveText("$5.00");
  await expect(page.getByText("E-mail address confirmed")).toBeVisible();
  await expect(page.getByTestId("verify-banner")).toHaveCount(0);
  expect(await grants(email)).toEqual(["5000000000"]);

  // The link works once; a second use books nothing.
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm e-mail address" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("expired or was already used");
  expect(await grants(email)).toEqual(["5000000000"]);
});

test("the e-mail address changes when the link sent to the new address is opened", async ({ page }) => {
  const email = await signUp(page);
  const next = uniqueEmail("moved");
  await page.goto("/dashboard/settings");
  await page.getByLabel("New e-mail address").fill(next);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByText(`We sent a link to ${next}.`)).toBeVisible();
  await page.goto(await mailedLink(next, "/verify-email"));
  await page.getByRole("button", { name: "Confirm e-mail address" }).click();
  await page.waitForURL(/\/dashboard\/settings\?email-changed=1/);
  await expect(page.getByText(`Your e-mail address is now ${next}.`)).toBeVisible();
  await page.context().clearCookies();
  await logIn(page, next);
  expect(await grants(next)).toEqual(["5000000000"]);
  expect(await query(`SELECT 1 FROM "User" WHERE email = $1`, [email])).toEqual([]);
});

test("two-factor sign-in: enable, then sign in with a code, then with a recovery code (once)", async ({ page }) => {
  const email = await signUp(page);
  await page.goto("/dashboard/settings");
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
  await page.getByLabel("Code from the app").fill("000000" === totp.generate() ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.locator("#totp-code-error")).toContainText("That code is not right");
  await page.getByLabel("Code from the app").fill(totp.generate());
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
  const [row] = await query<{ secret: string; hashes: string[] }>(
    `SELECT u."totpSecret" AS secret, array_agg(r."codeHash") AS hashes FROM "User" u JOIN "RecoveryCode" r ON r."userId" = u.id WHERE u.email = $1 GROUP BY u.id`, [email]);
  expect(row.secret).not.toContain(secret); // sealed at rest
  expect(row.hashes).not.toContain(codes[0]); // only hashes stored

  // Password alone is no longer enough.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByLabel("Authentication code").fill("12345x");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That authentication code is not right.");
  await page.getByLabel("Authentication code").fill(totp.generate());
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(/\/dashboard/);

  // A recovery code works once.
  for (const expected of ["in", "refused"] as const) {
    await page.context().clearCookies();
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByLabel("Authentication code").fill(codes[3]);
    await page.getByRole("button", { name: "Verify" }).click();
    if (expected === "in") await page.waitForURL(/\/dashboard/);
    else await expect(page.getByRole("main").getByRole("alert")).toHaveText("That authentication code is not right.");
  }
});

test("sign out everywhere ends every browser's session, and a password change ends the others'", async ({ page, browser, baseURL }) => {
  const email = await signUp(page);
  const other = await secondBrowser(browser, baseURL!, email);
  await page.goto("/dashboard/settings");
  await expect(page.getByTestId("sessions").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("sessions")).toContainText("This browser");

  // A password change keeps this browser and signs the other out.
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("changed-pass-31");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/login/);
  await page.goto("/dashboard/settings");
  await expect(page.getByTestId("sessions").locator("li")).toHaveCount(1);

  // Sign out everywhere: this browser too.
  await logIn(other, email, "changed-pass-31");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page.waitForURL(/\/login/);
  await other.goto("/dashboard/keys");
  await expect(other).toHaveURL(/\/login/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  await other.close();
});

test("a confirmed address is not asked again; an unverified one can resend its link", async ({ page }) => {
  const email = await signUp(page, uniqueEmail("resend"), PASSWORD, undefined, false);
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page.getByTestId("verify-banner").getByRole("status")).toHaveText("Sent.");
  await confirmEmail(page, email);
  await expect(page.getByTestId("balance")).toHaveText("$5.00");
});
