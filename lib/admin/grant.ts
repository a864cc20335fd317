// grant: credit (or, negative, debit) an account through the ledger.
import { randomUUID } from "node:crypto";
import { findAccountByEmail } from "../accounts/create";
import { postEntry } from "../billing/ledger";
import { prisma } from "../db";
import { formatUsd } from "../money";
import { defineCommand, InputError, parseCredits, required } from "./command";

// npm run admin -- grant --email E --credits USD --reason R
export const grant = defineCommand({
  name: "grant",
  summary: "Add credits to an account (a GRANT), or take them away with a negative amount (an ADJUSTMENT).",
  options: {
    email: { type: "string", description: "the account's e-mail (required)" },
    credits: { type: "string", description: "USD to add, e.g. 10 or -2.50 (required, not zero)" },
    reason: { type: "string", description: "why, kept on the ledger entry (required)" },
  },
  parse: (values) => {
    const amount = parseCredits(required(values, "credits"));
    if (amount === 0n) throw new InputError("--credits must not be zero.");
    return { email: required(values, "email"), amount, reason: required(values, "reason") };
  },
  run: async (input) => {
    const user = await findAccountByEmail(input.email);
    const kind = input.amount > 0n ? "GRANT" : "ADJUSTMENT";
    const reference = `admin:${randomUUID()}`;
    await postEntry({ userId: user.id, kind, amount: input.amount, reference, description: input.reason });
    const { balance } = await prisma().user.findUniqueOrThrow({ where: { id: user.id } });
    return {
      ok: true,
      data: { userId: user.id, email: user.email, kind, amountNano: input.amount.toString(), reference, balanceNano: balance.toString() },
      lines: [`${kind} of ${formatUsd(input.amount)} to ${user.email} (${reference}): balance now ${formatUsd(balance)}`],
    };
  },
});
