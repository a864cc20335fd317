// audit: the operator audit log, newest first.
import { auditPage } from "../audit/query";
import { defineCommand, InputError, optional, positiveInt } from "./command";

/** --since as a time: an ISO date or a span back from now (30m, 24h, 7d). */
export function parseSince(value: string, now = Date.now()): Date {
  const span = /^(\d+)([mhd])$/.exec(value);
  if (span) return new Date(now - Number(span[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as "m" | "h" | "d"]);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InputError(`--since must be an ISO date or a span such as 24h or 7d, not "${value}".`);
  return date;
}

// npm run admin -- audit [--since 7d] [--action A] [--limit N] [--json]
export const audit = defineCommand({
  name: "audit",
  summary: "Show the audit log (every operator action, console and CLI), newest first.",
  options: {
    since: { type: "string", description: "an ISO date, or 30m, 24h, 7d back from now" },
    action: { type: "string", description: "only this action, e.g. account.grant" },
    limit: { type: "string", description: "how many rows (default 100)" },
  },
  parse: (values) => {
    const since = optional(values, "since");
    return { since: since ? parseSince(since) : undefined, action: optional(values, "action"), limit: positiveInt(values, "limit") ?? 100 };
  },
  run: async (input) => {
    const { rows } = await auditPage({ since: input.since, action: input.action }, null, input.limit);
    const entries = rows.map((r) => ({ ...r, id: r.id.toString() }));
    return {
      ok: true,
      data: { entries },
      lines: rows.length
        ? rows.map((r) => `${r.createdAt.toISOString()}  ${r.actor}  ${r.action}  ${r.targetType}:${r.targetId ?? "-"}${r.reason ? `  "${r.reason}"` : ""}  ${JSON.stringify(r.before)} → ${JSON.stringify(r.after)}`)
        : ["No audit entries."],
    };
  },
});
