// Each channel's health as this instance sees it (health is per instance): a rolling
// success rate over the last tries, latency, the last error, and the cool-down of a
// channel that keeps failing. A cooled-down channel is tried again once its time is up
// (the next request probes it); success brings it back, failure doubles the wait.
import { env } from "../env";

const WINDOW = 50;
/** Consecutive failures that cool a channel down. */
const FAILURES_TO_COOL = 3;

export type ChannelHealth = {
  /** Share of the last tries that succeeded, 0–1; null before any try. */
  successRate: number | null;
  tries: number;
  /** Mean latency to the first byte of the last successful tries, ms. */
  latencyMs: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  /** ISO time the cool-down ends; null when the channel is in service. */
  cooledUntil: string | null;
};

type State = { outcomes: boolean[]; latencies: number[]; lastError: string | null; lastErrorAt: number | null; consecutive: number; cooledUntil: number; cooldownMs: number };

const globalForHealth = globalThis as unknown as { __sibChannelHealth?: Map<string, State> };
const states = (globalForHealth.__sibChannelHealth ??= new Map<string, State>());

function state(name: string): State {
  let s = states.get(name);
  if (!s) {
    s = { outcomes: [], latencies: [], lastError: null, lastErrorAt: null, consecutive: 0, cooledUntil: 0, cooldownMs: 0 };
    states.set(name, s);
  }
  return s;
}

function push<T>(list: T[], value: T): void {
  list.push(value);
  if (list.length > WINDOW) list.shift();
}

/** A try that got a 2xx answer, `latencyMs` after it was sent. */
export function recordSuccess(name: string, latencyMs: number): void {
  const s = state(name);
  push(s.outcomes, true);
  push(s.latencies, latencyMs);
  s.consecutive = 0;
  s.cooledUntil = 0;
  s.cooldownMs = 0;
}

/** A try that failed for a reason of the channel's (never the client's). Returns true when it starts a cool-down. */
export function recordFailure(name: string, reason: string, now = Date.now()): boolean {
  const s = state(name);
  push(s.outcomes, false);
  s.lastError = reason;
  s.lastErrorAt = now;
  s.consecutive += 1;
  if (s.consecutive < FAILURES_TO_COOL && s.cooldownMs === 0) return false;
  const config = env();
  s.cooldownMs = s.cooldownMs === 0 ? config.CHANNEL_COOLDOWN_MS : Math.min(s.cooldownMs * 2, config.CHANNEL_COOLDOWN_MAX_MS);
  s.cooledUntil = now + s.cooldownMs;
  return true;
}

/** A try the upstream refused because it does not know the model asked of this channel: shown as its last error, never a cool-down (its other models may be fine). */
export function recordUnknownModel(name: string, reason: string, now = Date.now()): void {
  const s = state(name);
  s.lastError = reason;
  s.lastErrorAt = now;
}

/** Whether the channel may be tried now (not cooling down). */
export function inService(name: string, now = Date.now()): boolean {
  const s = states.get(name);
  return !s || s.cooledUntil <= now;
}

/** This instance's view of a channel's health. */
export function healthOf(name: string, now = Date.now()): ChannelHealth {
  const s = states.get(name);
  if (!s) return { successRate: null, tries: 0, latencyMs: null, lastError: null, lastErrorAt: null, consecutiveFailures: 0, cooledUntil: null };
  const ok = s.outcomes.filter(Boolean).length;
  const latency = s.latencies.length ? Math.round(s.latencies.reduce((a, b) => a + b, 0) / s.latencies.length) : null;
  return {
    successRate: s.outcomes.length ? ok / s.outcomes.length : null,
    tries: s.outcomes.length,
    latencyMs: latency,
    lastError: s.lastError,
    lastErrorAt: s.lastErrorAt === null ? null : new Date(s.lastErrorAt).toISOString(),
    consecutiveFailures: s.consecutive,
    cooledUntil: s.cooledUntil > now ? new Date(s.cooledUntil).toISOString() : null,
  };
}

/** This instance's view of every channel it has tried. */
export function allHealth(now = Date.now()): Record<string, ChannelHealth> {
  return Object.fromEntries([...states.keys()].map((name) => [name, healthOf(name, now)]));
}

/** Forget a channel's health (an operator re-enabled or edited it). */
export function resetHealth(name: string): void {
  states.delete(name);
}
