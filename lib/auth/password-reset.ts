// Password reset by e-mailed link: a random token, stored only as its SHA-256, valid for one hour, once.
import { prisma } from "../db";
import { publicUrl } from "../env";
import { sendMail } from "../mail";
import { linkTokenHash as tokenHash, newLinkToken } from "./link-token";
import { hashPassword, passwordProblem } from "./password";
import { closeAllSessions } from "./sessions";

const RESET_TTL_MS = 60 * 60_000;

export class ResetError extends Error {}

/** E-mail a reset link if the account exists; says nothing either way (no account probing). */
export async function requestPasswordReset(emailInput: string): Promise<void> {
  const email = emailInput.trim().toLowerCase();
  const user = await prisma().user.findUnique({ where: { email } });
  if (!user || user.deletedAt) return;
  const { token, hash } = newLinkToken();
  await prisma().passwordResetToken.create({
    data: { tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() + RESET_TTL_MS) },
  });
  const link = `${publicUrl()}/reset-password?token=${token}`;
  await sendMail({
    to: user.email,
    subject: "Reset your SIB AI password",
    text: `Someone asked to reset the password of your SIB AI account.\n\nSet a new password: ${link}\n\nThe link works once, for one hour. If it was not you, ignore this message.`,
  });
}

/** Whether a reset token can still be used. */
export async function resetTokenValid(token: string): Promise<boolean> {
  const row = await prisma().passwordResetToken.findUnique({ where: { tokenHash: tokenHash(token) } });
  return Boolean(row && !row.usedAt && row.expiresAt > new Date());
}

/** Set a new password with a reset token; the token is spent, other open tokens of the account too, and every session ends. */
export async function resetPassword(token: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new ResetError(problem);
  const db = prisma();
  const passwordHash = await hashPassword(password);
  const userId = await db.$transaction(async (tx) => {
    const spent = await tx.passwordResetToken.updateMany({
      where: { tokenHash: tokenHash(token), usedAt: null, expiresAt: { gt: new Date() }, user: { deletedAt: null } },
      data: { usedAt: new Date() },
    });
    if (spent.count !== 1) throw new ResetError("This reset link has expired or was already used. Ask for a new one.");
    const row = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash: tokenHash(token) } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } });
    return row.userId;
  });
  await closeAllSessions(userId);
}
