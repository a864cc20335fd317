// The overview's figures: balance, plan and limits, this month's spend and requests.
import { prisma } from "../db";
import { limitsFor, type PlanLimits } from "../limits/plans";
import type { Plan } from "../generated/prisma/enums";
import { monthStart } from "./range";

export type AccountSummary = {
  balance: bigint;
  held: bigint;
  plan: Plan;
  limits: PlanLimits;
  month: { spend: bigint; requests: number; tokens: bigint };
  /** Whether any request was ever made with the account's keys. */
  hasCalled: boolean;
};

/** Balance, plan, limits and month-to-date usage (UTC month) of one account. */
export async function accountSummary(userId: string): Promise<AccountSummary> {
  const db = prisma();
  const [user, month, anyCall] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId } }),
    db.usageDaily.aggregate({
      where: { userId, day: { gte: monthStart() } },
      _sum: { cost: true, requests: true, promptTokens: true, completionTokens: true },
    }),
    db.usageLog.findFirst({ where: { userId }, select: { id: true } }),
  ]);
  return {
    balance: user.balance,
    held: user.held,
    plan: user.plan,
    limits: limitsFor(user),
    month: {
      spend: month._sum.cost ?? 0n,
      requests: month._sum.requests ?? 0,
      tokens: (month._sum.promptTokens ?? 0n) + (month._sum.completionTokens ?? 0n),
    },
    hasCalled: anyCall !== null,
  };
}
