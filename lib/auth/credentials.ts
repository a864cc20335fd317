// E-mail and password sign-in: rate-limited, and as slow for unknown e-mails as for known ones.
import { prisma } from "../db";
import { clearLoginFailures, loginBlockedFor, recordLoginFailure } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";

export class SignInError extends Error {}

export const WRONG_CREDENTIALS = "Wrong e-mail or password.";
export const SUSPENDED = "This account is suspended. Contact support to have it reinstated.";

let dummyHash: Promise<string> | undefined;

/** The user behind an e-mail and password, or a SignInError saying why not. */
export async function signInWithPassword(emailInput: string, password: string, ip: string): Promise<{ id: string; email: string; name: string | null }> {
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
  clearLoginFailures(email, ip);
  if (usable.suspendedAt) throw new SignInError(SUSPENDED);
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
