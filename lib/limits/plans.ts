// Plan limits per API key, as the product spec sets them. Enterprise reads its
// numbers from the account (set by an operator), with generous defaults.
import type { Plan } from "../generated/prisma/enums";

export type PlanLimits = { rpm: number; tpm: number; concurrent: number; maxKeys: number };

export const PLAN_LIMITS: Record<Plan, PlanLimits> = {
  FREE: { rpm: 10, tpm: 10_000, concurrent: 1, maxKeys: 5 },
  PRO: { rpm: 100, tpm: 100_000, concurrent: 5, maxKeys: 50 },
  ENTERPRISE: { rpm: 1_000, tpm: 1_000_000, concurrent: 50, maxKeys: 500 },
};

export type AccountLimitFields = {
  plan: Plan;
  customRpm: number | null;
  customTpm: number | null;
  customConcurrent: number | null;
  customMaxKeys: number | null;
};

/** The limits in force for an account: its plan's, with an Enterprise account's own numbers on top. */
export function limitsFor(account: AccountLimitFields): PlanLimits {
  const base = PLAN_LIMITS[account.plan];
  if (account.plan !== "ENTERPRISE") return base;
  return {
    rpm: account.customRpm ?? base.rpm,
    tpm: account.customTpm ?? base.tpm,
    concurrent: account.customConcurrent ?? base.concurrent,
    maxKeys: account.customMaxKeys ?? base.maxKeys,
  };
}
