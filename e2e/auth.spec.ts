// Sign-up and log-in errors, the sign-up grant booked once, login throttling, password reset.
import { expect, failLogins, logIn, PASSWORD, query, signUp, test, uniqueEmail } from "./support/fixtures";
import { mailedLink } from "./support/mail";

test("signed-out visitors are sent to the login page", async ({ page }) => {
  await page.goto("/dashboard/keys");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Log in to SIB AI" })).toBeVisible();
});

test("wrong password shows an inline error and no session", async ({ page }) => {
  const email = await signUp(page);
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("not-the-password-1");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong e-mail or password.");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  await logIn(page, email);
  await expect(page.getByTestId("balance")).toHaveText("$5.00");
});

test("duplicate e-mail and weak password are reported on their fields; the grant is booked once", async ({ page }) => {
  const email = await signUp(page);
  await page.context().clearCookies();
  await page.goto("/register");
  await page.getByLabel("E-mail").fill(email.toUpperCase());
  await page.getByLabel("Password").fill("short1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toContainText("Password too short");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#email-error")).toHaveText(`An account with ${email} already exists.`);
  await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
  const grants = await query<{ n: string; total: string }>(
    `SELECT count(*)::text AS n, sum(l.amount)::text AS total FROM "LedgerEntry" l JOIN "User" u ON u.id = l."userId" WHERE u.email = $1 AND l.kind = 'GRANT'`,
    [email],
  );
  expect(grants[0]).toEqual({ n: "1", total: "5000000000" });
});

test("after ten failed attempts even the right password is refused for a while", async ({ page }) => {
  const email = await signUp(page);
  await page.context().clearCookies();
  await failLogins(page, email, 10);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Too many sign-in attempts");
  await expect(page).toHaveURL(/\/login$/);
});

test("password reset by e-mailed link (delivered over SMTP)", async ({ page }) => {
  const email = await signUp(page);
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Check your inbox")).toBeVisible();

  const link = await mailedLink(email, "/reset-password");
  await page.goto(link);
  await page.getByLabel("New password").fill("weak");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.locator("#password-error")).toContainText("Password too short");
  await page.getByLabel("New password").fill("brand-new-pass-7");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1/);
  await expect(page.getByText("Your password was changed")).toBeVisible();
  await logIn(page, email, "brand-new-pass-7");

  // The link works once.
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByText("This link cannot be used")).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signUp(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});
