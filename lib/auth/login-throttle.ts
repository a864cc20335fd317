// Failed sign-in attempts per e-mail and client address, counted in this process.
// A window of LOGIN_WINDOW_MS allows LOGIN_MAX_FAILURES failures; a success clears the count.

export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MS = 15 * 60_000;
const MAX_TRACKED = 100_000;

type Counter = { failures: number; resetAt: number };
const globalForThrottle = globalThis as unknown as { __sibLoginThrottle?: Map<string, Counter> };
const counters = (globalForThrottle.__sibLoginThrottle ??= new Map());

function keyOf(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}|${ip}`;
}

function live(key: string, now: number): Counter | undefined {
  const counter = counters.get(key);
  if (counter && counter.resetAt <= now) {
    counters.delete(key);
    return undefined;
  }
  return counter;
}

/** Milliseconds until this e-mail may try again from this address; 0 when it may try now. */
export function loginBlockedFor(email: string, ip: string, now = Date.now()): number {
  const counter = live(keyOf(email, ip), now);
  return counter && counter.failures >= LOGIN_MAX_FAILURES ? counter.resetAt - now : 0;
}

/** Count one failed attempt. */
export function recordLoginFailure(email: string, ip: string, now = Date.now()): void {
  const key = keyOf(email, ip);
  const counter = live(key, now);
  if (counter) {
    counter.failures += 1;
    return;
  }
  if (counters.size >= MAX_TRACKED) counters.clear();
  counters.set(key, { failures: 1, resetAt: now + LOGIN_WINDOW_MS });
}

/** Forget the failures of an e-mail and address after a successful sign-in. */
export function clearLoginFailures(email: string, ip: string): void {
  counters.delete(keyOf(email, ip));
}
