// create-user: an account with its sign-up credits, and optionally its first API key.
import { createAccount } from "../accounts/create";
import { createApiKey } from "../keys/store";
import { formatUsd } from "../money";
import { prisma } from "../db";
import { setRole } from "../admin-console/account-state";
import { cliActor } from "../audit/actor";
import { defineCommand, optional, parseCredits, parsePlan, required, InputError } from "./command";

// npm run admin -- create-user --email E [--password P] [--plan P] [--credits USD] [--with-key] [--name N] [--admin]
export const createUser = defineCommand({
  name: "create-user",
  summary: "Create an account (sign-up credits default to SIGNUP_CREDITS_USD); --with-key also prints its first API key.",
  options: {
    email: { type: "string", description: "the account's e-mail (required)" },
    password: { type: "string", description: "a password to sign in with (none: OAuth or password reset only)" },
    plan: { type: "string", description: "free (default), pro or enterprise" },
    credits: { type: "string", description: "sign-up credits in USD, e.g. 5 or 12.50" },
    "with-key": { type: "boolean", description: "also create an API key and print it on its own line" },
    name: { type: "string", description: "the account holder's name" },
    admin: { type: "boolean", description: "make it an operator: it can open the console at /admin" },
  },
  parse: (values) => {
    const credits = optional(values, "credits");
    const amount = credits === undefined ? undefined : parseCredits(credits);
    if (amount !== undefined && amount < 0n) throw new InputError("--credits for a new account cannot be negative.");
    const plan = optional(values, "plan");
    return {
      email: required(values, "email"),
      password: typeof values.password === "string" ? values.password : undefined,
      plan: plan === undefined ? undefined : parsePlan(plan),
      credits: amount,
      withKey: values["with-key"] === true,
      name: optional(values, "name"),
      admin: values.admin === true,
    };
  },
  run: async (input) => {
    const account = await createAccount(input);
    if (input.admin) await setRole(cliActor(), account.id, "ADMIN");
    const key = input.withKey ? await createApiKey(account.id, "") : undefined;
    const user = await prisma().user.findUniqueOrThrow({ where: { id: account.id } });
    const lines = [`Created ${user.role === "ADMIN" ? "operator " : ""}account ${user.id} for ${user.email} · plan ${user.plan} · balance ${formatUsd(user.balance)}`];
    if (key) lines.push(key.key);
    return {
      ok: true,
      data: {
        id: user.id, email: user.email, plan: user.plan, role: user.role, balanceNano: user.balance.toString(),
        ...(key && { keyId: key.id, keyPrefix: key.prefix, key: key.key }),
      },
      lines,
    };
  },
});
