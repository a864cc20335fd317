// E-mail links that prove an address: verifying the sign-up address (which books the sign-up
// grant: the grant is what sign-up abuse farms) and moving the account to a new address.
import { prisma } from "../db";
import { publicUrl } from "../env";
import { sendMail } from "../mail";
import { linkTokenHash, newLinkToken } from "../auth/link-token";
import { AccountError, normaliseEmail } from "./create";
import { grantSignupCredits } from "./signup-grant";

const LINK_TTL_MS = 24 * 60 * 60_000;

export class LinkError extends Error {}

async function sendLink(userId: string, purpose: "verify" | "change", email: string): Promise<void> {
  const { token, hash } = newLinkToken();
  await prisma().emailToken.create({ data: { tokenHash: hash, userId, purpose, email, expiresAt: new Date(Date.now() + LINK_TTL_MS) } });
  const link = `${publicUrl()}/verify-email?token=${token}`;
  const text = purpose === "verify"
    ? `Welcome to SIB AI. Confirm your e-mail address to receive your free credits: ${link}\n\nThe link works once, for 24 hours.`
    : `Someone asked to move a SIB AI account to this address. Confirm the change: ${link}\n\nThe link works once, for 24 hours. If it was not you, ignore this message.`;
  await sendMail({ to: email, subject: purpose === "verify" ? "Confirm your SIB AI e-mail address" : "Confirm your new SIB AI e-mail address", text });
}

/** E-mail the account a link that verifies its address (no-op once verified). */
export async function sendVerification(userId: string): Promise<void> {
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId } });
  if (user.emailVerifiedAt) return;
  await sendLink(userId, "verify", user.email);
}

/** E-mail `newEmail` a link that moves the account to it. */
export async function requestEmailChange(userId: string, newEmail: string): Promise<string> {
  const email = normaliseEmail(newEmail);
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId } });
  if (email === user.email) throw new AccountError("That is already your e-mail address.");
  if (await prisma().user.findUnique({ where: { email } })) throw new AccountError(`An account with ${email} already exists.`);
  await sendLink(userId, "change", email);
  return email;
}

/** Use a link: verify the address or move the account to the new one; books the sign-up grant on first proof. */
export async function redeemEmailLink(token: string): Promise<{ purpose: "verify" | "change"; email: string }> {
  const hash = linkTokenHash(token);
  const row = await prisma().emailToken.findUnique({ where: { tokenHash: hash }, include: { user: true } });
  if (!row || row.usedAt || row.expiresAt <= new Date() || row.user.deletedAt) throw new LinkError("This link has expired or was already used.");
  const spent = await prisma().emailToken.updateMany({ where: { tokenHash: hash, usedAt: null }, data: { usedAt: new Date() } });
  if (spent.count !== 1) throw new LinkError("This link has expired or was already used.");
  if (row.purpose === "change") {
    if (await prisma().user.findUnique({ where: { email: row.email } })) throw new LinkError(`An account with ${row.email} already exists.`);
    await prisma().user.update({ where: { id: row.userId }, data: { email: row.email, emailVerifiedAt: row.user.emailVerifiedAt ?? new Date() } });
  } else {
    if (row.email !== row.user.email) throw new LinkError("This link is for an address the account no longer uses.");
    await prisma().user.updateMany({ where: { id: row.userId, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });
  }
  await grantSignupCredits(row.userId);
  return { purpose: row.purpose === "change" ? "change" : "verify", email: row.email };
}
