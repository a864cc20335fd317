// Dates as the dashboard shows them: UTC, the same on server and client (no hydration drift).
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Nov 24, 2026". */
export function formatDate(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/** "Nov 24, 14:03:09" (UTC). */
function formatDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** "just now", "5 minutes ago", "3 days ago", or the date for older ones. */
export function timeAgo(date: Date, now = new Date()): string {
  const s = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (s < 60) return "just now";
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? "" : "s"} ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} hour${h === 1 ? "" : "s"} ago`;
  const d = Math.round(h / 24);
  if (d < 30) return `${d} day${d === 1 ? "" : "s"} ago`;
  return formatDate(date);
}

/** A <time> element with the full timestamp as its title. */
export function Time({ date, mode = "date" }: { date: Date; mode?: "date" | "datetime" | "ago" }) {
  const text = mode === "date" ? formatDate(date) : mode === "datetime" ? formatDateTime(date) : timeAgo(date);
  return <time dateTime={date.toISOString()} title={date.toISOString()}>{text}</time>;
}
