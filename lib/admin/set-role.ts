// set-role: make an account an operator (admin) or a customer (user).
import { findAccountByEmail } from "../accounts/create";
import { setRole as applyRole } from "../admin-console/account-state";
import { cliActor } from "../audit/actor";
import type { Role } from "../generated/prisma/enums";
import { defineCommand, InputError, required } from "./command";

const ROLES: Record<string, Role> = { admin: "ADMIN", user: "USER" };

// --role admin|user as the Role enum.
function parseRole(value: string): Role {
  const role = ROLES[value.toLowerCase()];
  if (!role) throw new InputError(`--role must be admin or user, not "${value}".`);
  return role;
}

// npm run admin -- set-role --email E --role admin|user
export const setRole = defineCommand({
  name: "set-role",
  summary: "Give an account the operator console (admin) or take it away (user).",
  options: {
    email: { type: "string", description: "the account's e-mail (required)" },
    role: { type: "string", description: "admin or user (required)" },
  },
  parse: (values) => ({ email: required(values, "email"), role: parseRole(required(values, "role")) }),
  run: async (input) => {
    const user = await findAccountByEmail(input.email);
    await applyRole(cliActor(), user.id, input.role);
    return { ok: true, data: { userId: user.id, email: user.email, role: input.role }, lines: [`${user.email}: role ${input.role}`] };
  },
});
