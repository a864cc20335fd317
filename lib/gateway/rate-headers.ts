// The rate-limit headers of every /v1 answer: the spec's X-RateLimit-Limit/-Remaining/-Reset
// (requests per minute, reset as Unix seconds) and OpenAI's x-ratelimit-*-requests and
// x-ratelimit-*-tokens (reset as a duration, e.g. "1s", "6m0s", "20ms"), so SDKs and tools
// that read OpenAI's convention see when a tokens-per-minute refusal ends.
import type { RateWindow } from "../limits/limiter";

/** Milliseconds as a Go duration string, the form OpenAI sends ("20ms", "1.5s", "6m0s"). */
export function goDuration(ms: number): string {
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1000) return `${whole}ms`;
  const minutes = Math.floor(whole / 60_000);
  const seconds = String((whole % 60_000) / 1000);
  return minutes ? `${minutes}m${seconds}s` : `${seconds}s`;
}

/** The nine headers for a request's windows (tokens absent when no limiter answered). */
export function rateLimitHeaders(requests: RateWindow, tokens: RateWindow | null, now = Date.now()): Record<string, string> {
  const out: Record<string, string> = {
    "x-ratelimit-limit": String(requests.limit),
    "x-ratelimit-remaining": String(Math.max(0, requests.remaining)),
    "x-ratelimit-reset": String(requests.reset),
    "x-ratelimit-limit-requests": String(requests.limit),
    "x-ratelimit-remaining-requests": String(Math.max(0, requests.remaining)),
    "x-ratelimit-reset-requests": goDuration(requests.reset * 1000 - now),
  };
  if (tokens) {
    out["x-ratelimit-limit-tokens"] = String(tokens.limit);
    out["x-ratelimit-remaining-tokens"] = String(Math.max(0, tokens.remaining));
    out["x-ratelimit-reset-tokens"] = goDuration(tokens.reset * 1000 - now);
  }
  return out;
}
