// A key's expiry as a badge: "Expired 2026-11-20" in red, "Expires 2026-12-01" otherwise; nothing without one.
import { Badge } from "../ui/badge";

/** The badge for a key's expiry date (UTC). */
export function KeyExpiry({ expiresAt, className }: { expiresAt: Date | null; className?: string }) {
  if (!expiresAt) return null;
  const day = expiresAt.toISOString().slice(0, 10);
  const expired = expiresAt.getTime() <= Date.now();
  return <Badge tone={expired ? "red" : "neutral"} className={className}>{expired ? `Expired ${day}` : `Expires ${day}`}</Badge>;
}
