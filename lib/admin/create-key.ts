// create-key: a new API key for an existing account, printed once.
import { findAccountByEmail } from "../accounts/create";
import { createApiKey } from "../keys/store";
import { defineCommand, optional, required } from "./command";

// npm run admin -- create-key --email E [--name N]
export const createKey = defineCommand({
  name: "create-key",
  summary: "Create an API key for an account and print it (shown once).",
  options: {
    email: { type: "string", description: "the account's e-mail (required)" },
    name: { type: "string", description: "a name for the key (default: Default key)" },
  },
  parse: (values) => ({ email: required(values, "email"), name: optional(values, "name") ?? "" }),
  run: async (input) => {
    const user = await findAccountByEmail(input.email);
    const key = await createApiKey(user.id, input.name);
    return {
      ok: true,
      data: { userId: user.id, email: user.email, keyId: key.id, name: key.name, keyPrefix: key.prefix, key: key.key },
      lines: [`Created key "${key.name}" (${key.prefix}) for ${user.email}:`, key.key],
    };
  },
});
