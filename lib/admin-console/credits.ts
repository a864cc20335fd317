// An operator's grant or deduction: a ledger entry that records who and why, and its audit row.
import { randomUUID } from "node:crypto";
import { postEntry } from "../billing/ledger";
import { prisma } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record";
import { inTransaction } from "./transaction";

/** What the customer reads on their billing history: never the operator's reason. */
export const CREDIT_DESCRIPTION = "Credit added by SIB AI";
export const DEBIT_DESCRIPTION = "Balance adjustment by SIB AI";

export type CreditResult = { kind: "GRANT" | "ADJUSTMENT"; reference: string; balanceBefore: bigint; balanceAfter: bigint };

/** Add (positive) or take away (negative) `amount` nano-dollars; `reason` stays internal. */
export async function adjustCredits(actor: Actor, userId: string, amount: bigint, reason: string): Promise<CreditResult> {
  if (amount === 0n) throw new RangeError("The amount must not be zero.");
  const kind = amount > 0n ? "GRANT" : "ADJUSTMENT";
  const reference = `admin:${randomUUID()}`;
  const before = await prisma().user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true } });
  await inTransaction(async (db) => {
    await postEntry({
      userId, kind, amount, reference,
      description: amount > 0n ? CREDIT_DESCRIPTION : DEBIT_DESCRIPTION,
      operatorId: actor.id ?? actor.label, note: reason,
    }, db);
    await recordAudit({
      actor, action: amount > 0n ? "account.grant" : "account.deduct", targetType: "account", targetId: userId, reason,
      before: { balanceNano: before.balance }, after: { amountNano: amount, reference },
    }, db);
  });
  const after = await prisma().user.findUniqueOrThrow({ where: { id: userId }, select: { balance: true } });
  return { kind, reference, balanceBefore: before.balance, balanceAfter: after.balance };
}
