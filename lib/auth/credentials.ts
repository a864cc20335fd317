// E-mail and password sign-in (plus the second factor once enabled): rate-limited, and as
// slow for unknown e-mails as for known ones.
import { prisma } from "../db";
import { requestAddress } from "../client-address";
import { clearLoginFailures, loginWait, recordLoginFailure } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";
import { TWO_FACTOR_REQUIRED } from "./sign-in-errors";
import { checkSecondFactor } from "./two-factor";

export class SignInError extends Error {}

export const WRONG_CREDENTIALS = "Wrong e-mail or password.";
export const WRONG_CODE = "That authentication code is not right.";

function waitText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
export const SUSPENDED = "This account is suspended. Contact support to have it reinstated.";

let dummyHash: Promise<string> | undefined;

/** The user behind an e-mail, password and (when enabled) second-factor code, or a SignInError saying why not. */
export async function signInWithPassword(emailInput: string, password: string, ip: string, code = ""): Promise<{ id: string; email: string; name: string | null }> {
  const email = emailInput.trim().toLowerCase();
  const wait = await loginWait(email, ip);
  if (wait > 0) throw new SignInError(`Too many sign-in attempts. Try again in ${waitText(wait)}.`);
  const user = email ? await prisma().user.findUnique({ where: { email } }) : null;
  const usable = user && !user.deletedAt && user.passwordHash ? user : null;
  dummyHash ??= hashPassword("timing-equaliser-0");
  const ok = await verifyPassword(usable?.passwordHash ?? (await dummyHash), password);
  if (!usable || !ok) {
    await recordLoginFailure(email, ip);
    throw new SignInError(WRONG_CREDENTIALS);
  }
  if (usable.suspendedAt) throw new SignInError(SUSPENDED);
  if (usable.totpEnabledAt) {
    if (!code.trim()) throw new SignInError(TWO_FACTOR_REQUIRED);
    if (!(await checkSecondFactor(usable.id, code.trim()))) {
      await recordLoginFailure(email, ip);
      throw new SignInError(WRONG_CODE);
    }
  }
  await clearLoginFailures(email, ip);
  return { id: usable.id, email: usable.email, name: usable.name };
}

/** The client address of a sign-in request (lib/client-address.ts: X-Forwarded-For only from TRUSTED_PROXIES). */
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  return requestAddress((name) => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  });
}
