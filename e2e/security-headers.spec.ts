// Every surface of the running production server carries the security headers
// (lib/server/security-headers.ts): pages signed out and in, redirects, and /v1.
import { expect, signUp, test } from "./support/fixtures";

function expectSecured(headers: Record<string, string>, path: string): void {
  expect(headers["content-security-policy"], path).toMatch(/frame-ancestors 'none'/);
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["referrer-policy"], path).toBeTruthy();
  // The test server speaks plain http: HSTS there would pin the browser to a scheme it cannot use.
  expect(headers["strict-transport-security"], path).toBeUndefined();
}

test("pages, redirects and /v1 carry the security headers", async ({ page, request }) => {
  for (const path of ["/", "/login", "/pricing", "/v1/models", "/api/auth/csrf"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expectSecured(res.headers(), path);
  }
  const redirect = await request.get("/dashboard", { maxRedirects: 0 });
  expect(redirect.status()).toBeGreaterThanOrEqual(300);
  expectSecured(redirect.headers(), "/dashboard (signed out)");

  await signUp(page);
  const dashboard = await page.goto("/dashboard");
  expectSecured(dashboard!.headers(), "/dashboard");
  // The policy does not break the page: the dashboard still hydrates and navigates.
  await page.getByRole("link", { name: "API keys" }).first().click();
  await expect(page).toHaveURL(/\/dashboard\/keys/);
});

test("a page framed by another origin is refused", async ({ page, baseURL }) => {
  await page.setContent(`<iframe id="f" src="${baseURL}/login"></iframe>`);
  const frame = page.frames().find((f) => f.url().includes("/login"));
  // Chromium blocks the navigation: the frame never gets the login form.
  await page.waitForTimeout(1500);
  const blocked = !frame || (await frame.locator("input").count().catch(() => 0)) === 0;
  expect(blocked).toBe(true);
});
