// The in-process limiter of the embedded default (one instance): the same fixed
// one-minute windows, counts and leases as the shared stores, kept in Maps.
import type { Admission, Limiter } from "./limiter";
import type { PlanLimits } from "./plans";
import { decide, releaseOnce } from "./admission";
import { windowEnd, windowIndex } from "./window";

type Counter = { window: number; used: number };

/** Limits kept in this process: right for one instance, not shared by several. */
export class MemoryLimiter implements Limiter {
  readonly backend = "memory" as const;
  private readonly requests = new Map<string, Counter>();
  private readonly tokens = new Map<string, Counter>();
  private readonly leases = new Map<string, Map<string, number>>();
  private swept = 0;

  constructor(private readonly leaseTtlMs: number) {}

  /** Drop the counters of past windows, once per window. */
  private sweep(window: number): void {
    if (window === this.swept) return;
    this.swept = window;
    for (const counters of [this.requests, this.tokens]) {
      for (const [key, counter] of counters) if (counter.window !== window) counters.delete(key);
    }
  }

  /** Units used in the current window after adding `amount`. */
  private add(counters: Map<string, Counter>, keyId: string, window: number, amount: number): number {
    const counter = counters.get(keyId);
    if (counter?.window === window) return (counter.used += amount);
    counters.set(keyId, { window, used: amount });
    return amount;
  }

  /** Take a lease unless `max` unexpired ones are held, pruning expired ones first. */
  private lease(keyId: string, requestId: string, max: number, now: number): boolean {
    const held = this.leases.get(keyId) ?? new Map<string, number>();
    for (const [id, expires] of held) if (expires <= now) held.delete(id);
    if (held.size >= max) return false;
    held.set(requestId, now + this.leaseTtlMs);
    this.leases.set(keyId, held);
    return true;
  }

  private unlease(keyId: string, requestId: string): void {
    const held = this.leases.get(keyId);
    held?.delete(requestId);
    if (held?.size === 0) this.leases.delete(keyId);
  }

  async admit(keyId: string, limits: PlanLimits, requestId: string): Promise<Admission> {
    const now = Date.now();
    const window = windowIndex(now);
    const reset = windowEnd(now);
    this.sweep(window);
    const used = this.add(this.requests, keyId, window, 1);
    const requests = { success: used <= limits.rpm, remaining: Math.max(0, limits.rpm - used), reset };
    const tokensUsed = this.tokens.get(keyId);
    const tokens = { remaining: Math.max(0, limits.tpm - (tokensUsed?.window === window ? tokensUsed.used : 0)), reset };
    const leased = requests.success && tokens.remaining > 0 && this.lease(keyId, requestId, limits.concurrent, now);
    const decision = decide(limits, { requests, tokens, leased }, now);
    if (!decision.ok) {
      // A request refused for its tokens or for concurrency does not use up one of the minute's requests.
      if (requests.success) decision.window.remaining = limits.rpm - this.add(this.requests, keyId, window, -1);
      return decision;
    }
    return { ...decision, release: releaseOnce(async (tokens) => this.finish(keyId, requestId, tokens)) };
  }

  likelyAdmits(keyId: string, limits: PlanLimits): boolean {
    const window = windowIndex(Date.now());
    const used = (counters: Map<string, Counter>) => {
      const counter = counters.get(keyId);
      return counter?.window === window ? counter.used : 0;
    };
    return used(this.requests) < limits.rpm && used(this.tokens) < limits.tpm && (this.leases.get(keyId)?.size ?? 0) < limits.concurrent;
  }

  /** A request's end: its lease back, its tokens counted. */
  private finish(keyId: string, requestId: string, tokens: number): void {
    this.unlease(keyId, requestId);
    if (!(tokens > 0)) return;
    const window = windowIndex(Date.now());
    this.sweep(window);
    this.add(this.tokens, keyId, window, Math.ceil(tokens));
  }

  async close(): Promise<void> {
    this.requests.clear();
    this.tokens.clear();
    this.leases.clear();
  }
}
