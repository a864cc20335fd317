// One decision for every backend: given what the stores counted, admit or refuse
// with the spec's code, a message naming the limit, and the requests/minute window.
import type { PlanLimits } from "./plans";
import type { RateWindow, Release } from "./limiter";
import { secondsUntil } from "./window";
import { recordRefusal } from "../observability/metrics";

/** What a backend counted for one request. Times are Unix milliseconds. */
export type Counts = {
  /** This request's place in the minute's request count: refused when over the plan. */
  requests: { success: boolean; remaining: number; reset: number };
  /** Tokens left in the minute's budget, and when that minute ends. */
  tokens: { remaining: number; reset: number };
  /** Whether a concurrency lease was taken. */
  leased: boolean;
};

export type Decision =
  | { ok: true; window: RateWindow; tokens: RateWindow }
  | { ok: false; code: "too_many_requests" | "rate_limit_exceeded"; message: string; window: RateWindow; tokens: RateWindow; retryAfter: number };

const count = new Intl.NumberFormat("en-US");

/** Admit or refuse, in the order requests/minute, tokens/minute, concurrency. */
export function decide(limits: PlanLimits, counts: Counts, now: number): Decision {
  const { requests, tokens } = counts;
  const window: RateWindow = { limit: limits.rpm, remaining: requests.remaining, reset: Math.ceil(requests.reset / 1000) };
  const tokenWindow: RateWindow = { limit: limits.tpm, remaining: Math.max(0, tokens.remaining), reset: Math.ceil(tokens.reset / 1000) };
  if (!requests.success) {
    recordRefusal("rpm");
    const retryAfter = secondsUntil(requests.reset, now);
    return {
      ok: false, code: "too_many_requests", window, tokens: tokenWindow, retryAfter,
      message: `Rate limit reached: ${count.format(limits.rpm)} requests per minute for this key. Retry after ${retryAfter} s or upgrade your plan.`,
    };
  }
  if (tokens.remaining <= 0) {
    recordRefusal("tpm");
    const retryAfter = secondsUntil(tokens.reset, now);
    return {
      ok: false, code: "rate_limit_exceeded", window, tokens: tokenWindow, retryAfter,
      message: `Token limit reached: ${count.format(limits.tpm)} tokens per minute for this key. Retry after ${retryAfter} s or upgrade your plan.`,
    };
  }
  if (!counts.leased) {
    recordRefusal("concurrency");
    return {
      ok: false, code: "too_many_requests", window, tokens: tokenWindow, retryAfter: 1,
      message: `Too many concurrent requests: ${count.format(limits.concurrent)} at a time for this key. Retry when one finishes or upgrade your plan.`,
    };
  }
  return { ok: true, window, tokens: tokenWindow };
}

/** A release function that runs `end` once (with the tokens of its first call), however often it is called. */
export function releaseOnce(end: (tokens: number) => Promise<void>): Release {
  let released = false;
  return async (tokens = 0) => {
    if (released) return;
    released = true;
    await end(tokens);
  };
}
