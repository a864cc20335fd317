// The mail the server sent: without SMTP_URL it writes each message to its log (lib/mail.ts),
// which the e2e server's output file holds.
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

/** The newest link to `path` mailed to `email` after `since` (a count of earlier such links); waits for it. */
export async function mailedLink(email: string, path: string, since = 0): Promise<string> {
  let link = "";
  const pattern = new RegExp(`(http\\S+${path.replace(/[?]/g, "\\?")}\\?token=[\\w-]+)`);
  await expect(() => {
    const log = readFileSync(process.env.E2E_SERVER_LOG!, "utf8");
    const links = log.split("[mail] SMTP_URL not set; message for ").filter((m) => m.startsWith(`${email}:`)).flatMap((m) => pattern.exec(m)?.[1] ?? []);
    expect(links.length).toBeGreaterThan(since);
    link = links[links.length - 1];
  }).toPass({ timeout: 10_000 });
  return link;
}

/** How many links to `path` were mailed to `email` so far. */
export function mailedCount(email: string, path: string): number {
  const log = readFileSync(process.env.E2E_SERVER_LOG!, "utf8");
  return log.split("[mail] SMTP_URL not set; message for ").filter((m) => m.startsWith(`${email}:`) && m.includes(`${path}?token=`)).length;
}

/** Open the verification link mailed to `email` and confirm it; lands on the dashboard. */
export async function confirmEmail(page: Page, email: string): Promise<void> {
  await page.goto(await mailedLink(email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm e-mail address" }).click();
  await page.waitForURL(/\/dashboard\?verified=1/);
}
