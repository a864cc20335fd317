// The status labels next to an account: operator, suspended, deleted, plan.
import { Badge } from "../ui/badge";

/** Badges for an account's role, plan and state. */
export function AccountBadges({ plan, role, suspendedAt, deletedAt }: { plan: string; role: string; suspendedAt: Date | null; deletedAt: Date | null }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={plan === "FREE" ? "neutral" : "brand"}>{plan.charAt(0) + plan.slice(1).toLowerCase()}</Badge>
      {role === "ADMIN" ? <Badge tone="amber">Operator</Badge> : null}
      {suspendedAt ? <Badge tone="red">Suspended</Badge> : null}
      {deletedAt ? <Badge tone="neutral">Deleted</Badge> : null}
    </span>
  );
}
