// The sign-in throttle through the real server: a client-chosen X-Forwarded-For neither
// resets the count nor lets the right password in at once (no proxy is trusted by default).
import { expect, failLogins, PASSWORD, signUp, test } from "./support/fixtures";

test("changing X-Forwarded-For after ten failures does not sign in at once", async ({ page, browser, baseURL }) => {
  const email = await signUp(page);
  const attacker = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.7" } });
  const tries = await attacker.newPage();
  await failLogins(tries, email, 10);
  await attacker.close();

  const other = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.9" } });
  const owner = await other.newPage();
  await owner.goto("/login");
  await owner.getByLabel("E-mail").fill(email);
  await owner.getByLabel("Password").fill(PASSWORD);
  await owner.getByRole("button", { name: "Log in" }).click();
  await expect(owner.getByRole("main").getByRole("alert")).toContainText("Too many sign-in attempts");
  await expect(owner).toHaveURL(/\/login/);
  await other.close();
});
