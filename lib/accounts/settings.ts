// What a person changes about their own account: name, password, and deleting it.
import { prisma } from "../db";
import { forgetUserKeys } from "../keys/lookup";
import { hashPassword, passwordProblem, verifyPassword } from "../auth/password";
import { listSessions, type SessionRow } from "../auth/sessions";
import { AccountError } from "./create";

/** Set the display name (empty clears it). */
export async function updateName(userId: string, name: string): Promise<void> {
  const value = name.trim();
  if (value.length > 100) throw new AccountError("Name too long: use at most 100 characters.");
  await prisma().user.update({ where: { id: userId }, data: { name: value || null } });
}

/** Change the password; the current one is required when the account has one. */
export async function changePassword(userId: string, current: string, next: string): Promise<void> {
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId } });
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, current))) {
    throw new AccountError("Your current password is not correct.");
  }
  const problem = passwordProblem(next);
  if (problem) throw new AccountError(problem);
  await prisma().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next) } });
}

/**
 * Close an account: every key revoked, sign-in disabled, deletedAt set. Rows stay
 * (ledger, usage, Stripe ids) because the books must still add up.
 */
export async function deleteAccount(userId: string): Promise<void> {
  const now = new Date();
  await prisma().$transaction([
    prisma().apiKey.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
    prisma().user.update({ where: { id: userId }, data: { deletedAt: now, passwordHash: null } }),
  ]);
  await forgetUserKeys(userId);
}

/** What the settings page shows about signing in: password or not, two-factor, recovery codes left, open sessions. */
export async function securityOverview(userId: string): Promise<{ hasPassword: boolean; twoFactor: boolean; recoveryCodesLeft: number; sessions: SessionRow[] }> {
  const [user, recoveryCodesLeft, sessions] = await Promise.all([
    prisma().user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, totpEnabledAt: true } }),
    prisma().recoveryCode.count({ where: { userId, usedAt: null } }),
    listSessions(userId),
  ]);
  return { hasPassword: user.passwordHash !== null, twoFactor: user.totpEnabledAt !== null, recoveryCodesLeft, sessions };
}
