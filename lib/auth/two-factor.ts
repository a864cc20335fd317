// Two-factor sign-in with an authenticator app (TOTP, RFC 6238 via `otpauth`) and one-time
// recovery codes. The seed is stored sealed; recovery codes only as SHA-256 hashes.
import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { prisma } from "../db";
import { AccountError } from "../accounts/create";
import { open, seal } from "./secret-box";

const ISSUER = "SIB AI";
const RECOVERY_CODES = 10;

function totp(secret: string, email: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: email, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

function hashCode(code: string): string {
  return createHash("sha256").update(code.replace(/[\s-]/g, "").toLowerCase()).digest("hex");
}

/** Start enrolling: a fresh seed, stored sealed until confirmed. Returns what the app needs. */
export async function beginEnrollment(userId: string): Promise<{ secret: string; uri: string }> {
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) throw new AccountError("Two-factor sign-in is already on.");
  const secret = new Secret({ size: 20 }).base32;
  await prisma().user.update({ where: { id: userId }, data: { totpSecret: seal(secret) } });
  return { secret, uri: totp(secret, user.email).toString() };
}

function codeMatches(sealedSecret: string, email: string, code: string): boolean {
  const digits = code.replace(/\s/g, "");
  return /^\d{6}$/.test(digits) && totp(open(sealedSecret), email).validate({ token: digits, window: 1 }) !== null;
}

/** Finish enrolling with a code from the app; turns two-factor on and returns the recovery codes (shown once). */
export async function confirmEnrollment(userId: string, code: string): Promise<string[]> {
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId } });
  if (user.totpEnabledAt) throw new AccountError("Two-factor sign-in is already on.");
  if (!user.totpSecret) throw new AccountError("Start again: the setup expired.");
  if (!codeMatches(user.totpSecret, user.email, code)) throw new AccountError("That code is not right. Check the app and try the current code.");
  const codes = Array.from({ length: RECOVERY_CODES }, () => randomBytes(5).toString("hex").replace(/^(.{5})/, "$1-"));
  await prisma().$transaction([
    prisma().recoveryCode.deleteMany({ where: { userId } }),
    prisma().recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashCode(c) })) }),
    prisma().user.update({ where: { id: userId }, data: { totpEnabledAt: new Date() } }),
  ]);
  return codes;
}

/** Turn two-factor off (after a valid code or recovery code). */
export async function disableTwoFactor(userId: string, code: string): Promise<void> {
  if (!(await checkSecondFactor(userId, code))) throw new AccountError("That code is not right.");
  await prisma().$transaction([
    prisma().recoveryCode.deleteMany({ where: { userId } }),
    prisma().user.update({ where: { id: userId }, data: { totpEnabledAt: null, totpSecret: null } }),
  ]);
}

/** Whether `code` is the app's current code or an unused recovery code (which it then uses up). */
export async function checkSecondFactor(userId: string, code: string): Promise<boolean> {
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.totpEnabledAt || !user.totpSecret) return false;
  if (codeMatches(user.totpSecret, user.email, code)) return true;
  const used = await prisma().recoveryCode.updateMany({ where: { userId, codeHash: hashCode(code), usedAt: null }, data: { usedAt: new Date() } });
  return used.count === 1;
}

