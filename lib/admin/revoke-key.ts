// revoke-key: revoke the one live key a display prefix (or the whole key) names.
import { AmbiguousKeyError, revokeKeyByPrefix } from "../admin-console/keys";
import { cliActor } from "../audit/actor";
import { defineCommand, InputError, optional, required } from "./command";

// npm run admin -- revoke-key --prefix sib-…a1b2 [--reason R]
export const revokeKey = defineCommand({
  name: "revoke-key",
  summary: "Revoke an API key by what the dashboard shows of it (sib-…a1b2, or the last 4 characters) or by the whole key.",
  options: {
    prefix: { type: "string", description: "sib-…a1b2, a1b2 or the whole key (required)" },
    reason: { type: "string", description: "why, for the audit log" },
  },
  parse: (values) => ({ prefix: required(values, "prefix"), reason: optional(values, "reason") }),
  run: async (input) => {
    try {
      const key = await revokeKeyByPrefix(cliActor(), input.prefix, input.reason);
      return { ok: true, data: key, lines: [`Revoked ${key.prefix} (${key.id}) of ${key.email}`] };
    } catch (err) {
      if (err instanceof AmbiguousKeyError) throw new InputError(err.message);
      throw err;
    }
  },
});
