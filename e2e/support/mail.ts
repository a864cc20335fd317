// The mail the server sent: it goes over SMTP to a real inbox (tests/fakes/smtp-inbox.ts, started by
// the global setup), which appends each message to the file E2E_MAIL_FILE names.
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import type { ReceivedMail } from "../../tests/fakes/smtp-inbox";

/** Every message delivered to `email` so far, oldest first. */
export function mailsTo(email: string): ReceivedMail[] {
  return readFileSync(process.env.E2E_MAIL_FILE!, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReceivedMail)
    .filter((mail) => mail.to.includes(email));
}

const linkPattern = (path: string) => new RegExp(`(http\\S+${path.replace(/[?]/g, "\\?")}\\?token=[\\w-]+)`);

/** The links to `path` mailed to `email` so far. */
function links(email: string, path: string): string[] {
  return mailsTo(email).flatMap((mail) => linkPattern(path).exec(mail.text)?.[1] ?? []);
}

/** The newest link to `path` mailed to `email` after `since` (a count of earlier such links); waits for it. */
export async function mailedLink(email: string, path: string, since = 0): Promise<string> {
  let link = "";
  await expect(() => {
    const found = links(email, path);
    expect(found.length).toBeGreaterThan(since);
    link = found[found.length - 1];
  }).toPass({ timeout: 10_000 });
  return link;
}

/** How many links to `path` were mailed to `email` so far. */
export function mailedCount(email: string, path: string): number {
  return links(email, path).length;
}

/** Open the verification link mailed to `email` and confirm it; lands on the dashboard. */
export async function confirmEmail(page: Page, email: string): Promise<void> {
  await page.goto(await mailedLink(email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm e-mail address" }).click();
  await page.waitForURL(/\/dashboard\?verified=1/);
}
