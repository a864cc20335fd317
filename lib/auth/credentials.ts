// E-mail and password sign-in (plus the second factor once enabled): rate-limited, and as
// slow for unknown e-mails as for known ones.
import { prisma } from "../db";
import { clearLoginFailures, loginBlockedFor, recordLoginFailure } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";
import { TWO_FACTOR_REQUIRED } from "./sign-in-errors";
import { checkSecondFactor } from "./two-factor";

export class SignInError extends Error {}

export const WRONG_CREDENTIALS = "Wrong e-mail or password.";
export const WRONG_CODE = "That authentication code is not right.";

let dummyHash: Promise<string> | undefined;

/** The user behind an e-mail, password and (when enabled) second-factor code, or a SignInError saying why not. */
export async function signInWithPassword(emailInput: string, password: string, ip: string, code = ""): Promise<{ id: string; email: string; name: string | null }> {
  const email = emailInput.trim().toLowerCase();
  const wait = loginBlockedFor(email, ip);
  if (wait > 0) throw new SignInError(`Too many sign-in attempts. Try again in ${Math.ceil(wait / 60_000)} minutes.`);
  const user = email ? await prisma().user.findUnique({ where: { email } }) : null;
  const usable = user && !user.deletedAt && user.passwordHash ? user : null;
  dummyHash ??= hashPassword("timing-equaliser-0");
  const ok = await verifyPassword(usable?.passwordHash ?? (await dummyHash), password);
  if (!usable || !ok) {
    recordLoginFailure(email, ip);
    throw new SignInError(WRONG_CREDENTIALS);
  }
  if (usable.totpEnabledAt) {
    if (!code.trim()) throw new SignInError(TWO_FACTOR_REQUIRED);
    if (!(await checkSecondFactor(usable.id, code.trim()))) {
      recordLoginFailure(email, ip);
      throw new SignInError(WRONG_CODE);
    }
  }
  clearLoginFailures(email, ip);
  return { id: usable.id, email: usable.email, name: usable.name };
}

/** The client address from proxy headers, or "local". */
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return get("x-forwarded-for")?.split(",")[0]?.trim() || get("x-real-ip") || "local";
}
