"use server";
// Server actions of an account's console page: operators only (404 otherwise), each audited.
import { z } from "zod";
import { UserError } from "@/lib/actions/errors";
import { operatorAction } from "@/lib/admin-console/action";
import { changePlan, sendResetLink, setSuspended } from "@/lib/admin-console/account-state";
import { adjustCredits } from "@/lib/admin-console/credits";
import { operatorActor } from "@/lib/admin-console/operator";
import { formatUsd, parseUsd } from "@/lib/money";

const id = z.string().min(1);
const limit = z.string().trim().transform((v) => (v === "" ? undefined : Number(v))).pipe(z.number().int("Use a whole number.").min(1, "Use at least 1.").optional());

// Grant (positive) or deduct (negative) credits with an internal reason.
export const adjustCreditsAction = operatorAction(
  z.object({ id, amount: z.string().trim().min(1, "Enter an amount."), reason: z.string().trim().min(3, "Give a reason (at least 3 characters).").max(500) }),
  async (input, operator) => {
    let amount: bigint;
    try {
      amount = parseUsd(input.amount);
    } catch {
      throw new UserError("Enter a dollar amount such as 10 or -2.50.", "amount");
    }
    if (amount === 0n) throw new UserError("The amount must not be zero.", "amount");
    const result = await adjustCredits(operatorActor(operator), input.id, amount, input.reason);
    return `${amount > 0n ? "Granted" : "Deducted"} ${formatUsd(amount < 0n ? -amount : amount)}. Balance now ${formatUsd(result.balanceAfter)}.`;
  },
);

// Change the plan; Enterprise takes its own limits.
export const changePlanAction = operatorAction(
  z.object({ id, plan: z.enum(["FREE", "PRO", "ENTERPRISE"]), rpm: limit, tpm: limit, concurrent: limit, maxKeys: limit }),
  async (input, operator): Promise<string> => {
    const custom = { customRpm: input.rpm, customTpm: input.tpm, customConcurrent: input.concurrent, customMaxKeys: input.maxKeys };
    await changePlan(operatorActor(operator), input.id, input.plan, custom);
    return `Plan set to ${input.plan}; in force from the next request.`;
  },
);

// Suspend or reinstate.
export const suspensionAction = operatorAction(
  z.object({ id, suspend: z.enum(["true", "false"]), reason: z.string().trim().max(500).optional() }),
  async (input, operator): Promise<string> => {
    const suspend = input.suspend === "true";
    await setSuspended(operatorActor(operator), input.id, suspend, input.reason || undefined);
    return suspend ? "Account suspended: its keys answer 401 now and its browsers are signed out." : "Account reinstated.";
  },
);

// E-mail a password-reset link.
export const resetLinkAction = operatorAction(z.object({ id }), async (input, operator): Promise<string> => {
  await sendResetLink(operatorActor(operator), input.id);
  return "Reset link sent.";
});
