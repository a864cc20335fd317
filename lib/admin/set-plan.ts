// set-plan: move an account to a plan; Enterprise takes the operator's own limits.
import { findAccountByEmail } from "../accounts/create";
import { changePlan } from "../admin-console/account-state";
import { cliActor } from "../audit/actor";
import { limitsFor } from "../limits/plans";
import { defineCommand, InputError, parsePlan, positiveInt, required } from "./command";

const count = new Intl.NumberFormat("en-US");

// npm run admin -- set-plan --email E --plan free|pro|enterprise [--rpm N --tpm N --concurrent N --max-keys N]
export const setPlan = defineCommand({
  name: "set-plan",
  summary: "Change an account's plan; with enterprise, set its limits (unset ones keep their value or the default).",
  options: {
    email: { type: "string", description: "the account's e-mail (required)" },
    plan: { type: "string", description: "free, pro or enterprise (required)" },
    rpm: { type: "string", description: "enterprise: requests per minute per key" },
    tpm: { type: "string", description: "enterprise: tokens per minute per key" },
    concurrent: { type: "string", description: "enterprise: concurrent requests per key" },
    "max-keys": { type: "string", description: "enterprise: live API keys per account" },
  },
  parse: (values) => {
    const plan = parsePlan(required(values, "plan"));
    const custom = {
      customRpm: positiveInt(values, "rpm"),
      customTpm: positiveInt(values, "tpm"),
      customConcurrent: positiveInt(values, "concurrent"),
      customMaxKeys: positiveInt(values, "max-keys"),
    };
    const given = Object.values(custom).some((v) => v !== undefined);
    if (given && plan !== "ENTERPRISE") throw new InputError("--rpm, --tpm, --concurrent and --max-keys apply to --plan enterprise only.");
    return { email: required(values, "email"), plan, custom };
  },
  run: async (input) => {
    const user = await findAccountByEmail(input.email);
    const updated = await changePlan(cliActor(), user.id, input.plan, input.custom);
    const limits = limitsFor(updated);
    return {
      ok: true,
      data: { userId: updated.id, email: updated.email, plan: updated.plan, limits },
      lines: [
        `${updated.email}: plan ${updated.plan} · ${count.format(limits.rpm)} requests/min · ${count.format(limits.tpm)} tokens/min` +
          ` · ${count.format(limits.concurrent)} concurrent · ${count.format(limits.maxKeys)} keys` +
          " (in force from the next request; without Redis, other instances within 5 s)",
      ],
    };
  },
});
