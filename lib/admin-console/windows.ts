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
