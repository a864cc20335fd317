// create-key: a new API key for an existing account, printed once, with optional limits and permissions.
import { findAccountByEmail } from "../accounts/create";
import { keyControlsForm } from "../keys/controls";
import { MODEL_FIELD } from "../keys/form-fields";
import { createKeyFor } from "../keys/manage";
import { defineCommand, InputError, optional, required, type Values } from "./command";

/** The form field each option fills, for naming the option in an error. */
const FLAG_OF: Record<string, string> = { spendLimit: "spend-limit", spendPeriod: "period", expiresOn: "expires", allowedIps: "ips" };

/** The key's controls from the options, checked by the dashboard's own parser. */
function controls(values: Values) {
  const list = (name: string) => (optional(values, name) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const form = {
    spendLimit: optional(values, "spend-limit") ?? "",
    spendPeriod: (optional(values, "period") ?? "month").toUpperCase(),
    expiresOn: optional(values, "expires") ?? "",
    allowedIps: list("ips").join(","),
    ...Object.fromEntries(list("models").map((id) => [`${MODEL_FIELD}${id}`, "on"])),
  };
  const parsed = keyControlsForm.safeParse(form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0]);
    throw new InputError(`--${FLAG_OF[field] ?? field}: ${field === "spendPeriod" ? "use day, month or total." : issue.message}`);
  }
  return parsed.data;
}

// npm run admin -- create-key --email E [--name N] [--spend-limit USD --period day|month|total] [--expires YYYY-MM-DD] [--models a,b] [--ips a,b]
export const createKey = defineCommand({
  name: "create-key",
  summary: "Create an API key for an account and print it (shown once).",
  options: {
    email: { type: "string", description: "the account's e-mail (required)" },
    name: { type: "string", description: "a name for the key (default: Default key)" },
    "spend-limit": { type: "string", description: "most the key may spend per period, USD (default: no limit)" },
    period: { type: "string", description: "the spend limit's period: day, month (default) or total; days and months are UTC" },
    expires: { type: "string", description: "YYYY-MM-DD: the key is refused from 00:00 UTC that day" },
    models: { type: "string", description: "comma-separated model ids the key may call (default: every model)" },
    ips: { type: "string", description: "comma-separated addresses or CIDR ranges the key may be used from (default: anywhere)" },
  },
  parse: (values) => ({ email: required(values, "email"), name: optional(values, "name") ?? "", controls: controls(values) }),
  run: async (input) => {
    const user = await findAccountByEmail(input.email);
    const key = await createKeyFor(user.id, input.name, input.controls);
    return {
      ok: true,
      data: { userId: user.id, email: user.email, keyId: key.id, name: key.name, keyPrefix: key.prefix, key: key.key },
      lines: [`Created key "${key.name}" (${key.prefix}) for ${user.email}:`, key.key],
    };
  },
});
