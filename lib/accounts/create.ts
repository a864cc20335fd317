// Account creation: one user row and, for an account whose e-mail is taken as proven (made
// by an operator, the demo), the sign-up grant. Web sign-ups get it when they verify.
import { prisma } from "../db";
import type { Plan } from "../generated/prisma/enums";
import { Prisma } from "../generated/prisma/client";
import { hashPassword, passwordProblem } from "../auth/password";
import { grantSignupCredits } from "./signup-grant";

export class AccountError extends Error {}

export type NewAccount = { email: string; password?: string; name?: string; plan?: Plan; credits?: bigint; unverified?: boolean };

/** Normalised e-mail, or an AccountError naming the problem. */
export function normaliseEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw new AccountError(`"${email}" is not a valid e-mail address.`);
  return value;
}

/** Create an account and book its sign-up grant (default: SIGNUP_CREDITS_USD); an `unverified` one gets it on verification. */
export async function createAccount(input: NewAccount): Promise<{ id: string; email: string }> {
  const email = normaliseEmail(input.email);
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AccountError(problem);
  }
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  let user;
  try {
    user = await prisma().user.create({
      data: { email, name: input.name?.trim() || null, passwordHash, plan: input.plan ?? "FREE", emailVerifiedAt: input.unverified ? null : new Date() },
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AccountError(`An account with ${email} already exists.`);
    }
    throw err;
  }
  if (!input.unverified) await grantSignupCredits(user.id, input.credits);
  return { id: user.id, email: user.email };
}

/** The account with this e-mail, or an AccountError. */
export async function findAccountByEmail(email: string) {
  const user = await prisma().user.findUnique({ where: { email: normaliseEmail(email) } });
  if (!user || user.deletedAt) throw new AccountError(`No account with e-mail ${email.trim()}.`);
  return user;
}
