// suspend / unsuspend: close or reopen an account (its keys answer 401 at once, sign-in refused).
import { findAccountByEmail } from "../accounts/create";
import { setSuspended } from "../admin-console/account-state";
import { cliActor } from "../audit/actor";
import { defineCommand, optional, required } from "./command";

function suspension(suspended: boolean) {
  return defineCommand({
    name: suspended ? "suspend" : "unsuspend",
    summary: suspended
      ? "Suspend an account: its keys answer 401 on every instance at once and sign-in is refused."
      : "Reinstate a suspended account.",
    options: {
      email: { type: "string", description: "the account's e-mail (required)" },
      reason: { type: "string", description: "why, for the audit log" },
    },
    parse: (values) => ({ email: required(values, "email"), reason: optional(values, "reason") }),
    run: async (input) => {
      const user = await findAccountByEmail(input.email);
      await setSuspended(cliActor(), user.id, suspended, input.reason);
      return { ok: true, data: { userId: user.id, email: user.email, suspended }, lines: [`${user.email}: ${suspended ? "suspended" : "reinstated"}`] };
    },
  });
}

// npm run admin -- suspend --email E [--reason R]
export const suspend = suspension(true);
// npm run admin -- unsuspend --email E [--reason R]
export const unsuspend = suspension(false);
