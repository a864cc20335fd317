// The overview's windows: the current UTC hour and the hours before it, 24, 7·24 or 30·24 in all.

export const WINDOWS = { "24h": 24, "7d": 24 * 7, "30d": 24 * 30 } as const;
export type WindowKey = keyof typeof WINDOWS;

export const HOUR_MS = 3_600_000;

/** ?window= as a known window, 24h by default. */
export function parseWindow(value: string | string[] | undefined): WindowKey {
  return typeof value === "string" && value in WINDOWS ? (value as WindowKey) : "24h";
}

/** The start of the UTC hour holding `at`. */
export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** Where a window ending at `now` starts: the start of the hour `hours - 1` before now's. */
export function windowStart(window: WindowKey, now: Date): Date {
  return new Date(hourOf(now).getTime() - (WINDOWS[window] - 1) * HOUR_MS);
}

/** The start of every bucket (UTC hour or day) from the one holding `since` to the one holding `now`: a chart's time axis. */
export function bucketStarts(since: Date, now: Date, unit: "hour" | "day"): Date[] {
  const step = unit === "hour" ? HOUR_MS : 24 * HOUR_MS;
  const start = (at: Date) => Math.floor(at.getTime() / step) * step;
  const out: Date[] = [];
  for (let t = start(since); t <= start(now); t += step) out.push(new Date(t));
  return out;
}
