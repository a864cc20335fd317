// grant: credit (or, negative, debit) an account through the ledger, audited as the CLI.
import { findAccountByEmail } from "../accounts/create";
import { adjustCredits } from "../admin-console/credits";
import { cliActor } from "../audit/actor";
import { formatUsd } from "../money";
import { defineCommand, InputError, parseCredits, required } from "./command";

// npm run admin -- grant --email E --credits USD --reason R
export const grant = defineCommand({
  name: "grant",
  summary: "Add credits to an account (a GRANT), or take them away with a negative amount (an ADJUSTMENT). The reason stays internal.",
  options: {
    email: { type: "string", description: "the account's e-mail (required)" },
    credits: { type: "string", description: "USD to add, e.g. 10 or -2.50 (required, not zero)" },
    reason: { type: "string", description: "why, kept on the ledger entry and the audit log, never shown to the customer (required)" },
  },
  parse: (values) => {
    const amount = parseCredits(required(values, "credits"));
    if (amount === 0n) throw new InputError("--credits must not be zero.");
    return { email: required(values, "email"), amount, reason: required(values, "reason") };
  },
  run: async (input) => {
    const user = await findAccountByEmail(input.email);
    const { kind, reference, balanceAfter } = await adjustCredits(cliActor(), user.id, input.amount, input.reason);
    return {
      ok: true,
      data: { userId: user.id, email: user.email, kind, amountNano: input.amount.toString(), reference, balanceNano: balanceAfter.toString() },
      lines: [`${kind} of ${formatUsd(input.amount)} to ${user.email} (${reference}): balance now ${formatUsd(balanceAfter)}`],
    };
  },
});
