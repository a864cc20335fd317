// The fixed one-minute windows every backend counts in, aligned to the clock the
// way @upstash/ratelimit aligns them (window n spans [n·60 s, (n+1)·60 s)).

export const WINDOW_MS = 60_000;

/** Index of the window `now` falls in. */
export function windowIndex(now: number): number {
  return Math.floor(now / WINDOW_MS);
}

/** When the window `now` falls in ends, Unix milliseconds. */
export function windowEnd(now: number): number {
  return (windowIndex(now) + 1) * WINDOW_MS;
}

/** Whole seconds until `resetMs`, at least 1: the Retry-After value. */
export function secondsUntil(resetMs: number, now: number): number {
  return Math.max(1, Math.ceil((resetMs - now) / 1000));
}
