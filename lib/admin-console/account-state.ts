// An operator's changes to an account: plan and limits, suspension, role, a reset link.
// Each writes its audit row; changes that affect /v1 drop the account's cached keys everywhere.
import { prisma } from "../db";
import type { Plan, Role } from "../generated/prisma/enums";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record";
import { accountChanged } from "../keys/store";
import { requestPasswordReset } from "../auth/password-reset";
import { closeAllSessions } from "../auth/sessions";

export type CustomLimits = { customRpm?: number; customTpm?: number; customConcurrent?: number; customMaxKeys?: number };

const LIMIT_FIELDS = { plan: true, customRpm: true, customTpm: true, customConcurrent: true, customMaxKeys: true } as const;

/** Move an account to a plan; Enterprise takes `custom` (unset ones keep their value), the others clear it. */
export async function changePlan(actor: Actor, userId: string, plan: Plan, custom: CustomLimits = {}) {
  const before = await prisma().user.findUniqueOrThrow({ where: { id: userId }, select: LIMIT_FIELDS });
  const cleared = { customRpm: null, customTpm: null, customConcurrent: null, customMaxKeys: null };
  const updated = await prisma().user.update({ where: { id: userId }, data: { plan, ...(plan === "ENTERPRISE" ? custom : cleared) } });
  const after = Object.fromEntries(Object.keys(LIMIT_FIELDS).map((k) => [k, updated[k as keyof typeof LIMIT_FIELDS]]));
  await recordAudit({ actor, action: "account.set-plan", targetType: "account", targetId: userId, before, after });
  await accountChanged(userId);
  return updated;
}

/**
 * Suspend (keys answer 401 at once on every instance, sign-in refused, every open browser signed
 * out at its next request) or reinstate an account (its closed sessions stay closed).
 */
export async function setSuspended(actor: Actor, userId: string, suspended: boolean, reason?: string): Promise<void> {
  const before = await prisma().user.findUniqueOrThrow({ where: { id: userId }, select: { suspendedAt: true } });
  const suspendedAt = suspended ? (before.suspendedAt ?? new Date()) : null;
  await prisma().user.update({ where: { id: userId }, data: { suspendedAt } });
  if (suspended) await closeAllSessions(userId);
  await accountChanged(userId);
  await recordAudit({
    actor, action: suspended ? "account.suspend" : "account.unsuspend", targetType: "account", targetId: userId, reason,
    before: { suspendedAt: before.suspendedAt }, after: { suspendedAt },
  });
}

/** Make an account an operator (ADMIN) or a customer (USER). */
export async function setRole(actor: Actor, userId: string, role: Role): Promise<void> {
  const before = await prisma().user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } });
  await prisma().user.update({ where: { id: userId }, data: { role } });
  await recordAudit({ actor, action: "account.set-role", targetType: "account", targetId: userId, before, after: { role } });
}

/** E-mail the account a password-reset link (or log it when SMTP is not set). */
export async function sendResetLink(actor: Actor, userId: string): Promise<void> {
  const user = await prisma().user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  await requestPasswordReset(user.email);
  await recordAudit({ actor, action: "account.reset-link", targetType: "account", targetId: userId, after: { email: user.email } });
}
