// The limiter on a shared store (self-hosted Redis or Upstash): requests and tokens
// per minute through @upstash/ratelimit's fixed windows, concurrency through leases.
// admit() issues its three calls in one tick, so the client sends them as one round trip; a
// request's end (its lease back, its tokens counted) is one more command, sent before the response.
import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import type { Admission, Limiter } from "./limiter";
import type { PlanLimits } from "./plans";
import { decide, releaseOnce } from "./admission";
import type { ScriptClient } from "./scripts";
import { WINDOW_MS, windowIndex } from "./window";
import { acquireLease, finishLease, releaseLease } from "./leases";
import { log } from "../log";

/**
 * What a store gives the limiter: the client @upstash/ratelimit and the lease scripts call, and how
 * to close it; `immediate`, when the store has one, writes each command as it is called, so a command
 * sent before a response reaches the store before any request that response leads to.
 */
export type LimitStore = { client: Pick<Redis, "evalsha" | "eval" | "get" | "set">; immediate?: ScriptClient; close: () => Promise<void> };


/** Limits kept in a shared store, so every instance of the app counts together. */
/** What this process last saw of a key: the minute, the requests and tokens left after its last admission, its requests in flight here. */
type Seen = { window: number; requests: number; tokens: number; inFlight: number };
const SEEN_MAX = 10_000;

export class StoreLimiter implements Limiter {
  private readonly seen = new Map<string, Seen>();
  private readonly requestLimits = new Map<number, Ratelimit>();
  private readonly tokenLimits = new Map<number, Ratelimit>();

  constructor(
    readonly backend: "redis" | "upstash",
    private readonly store: LimitStore,
    private readonly prefix: string,
    private readonly leaseTtlMs: number,
  ) {}

  /** One fixed-window limiter per limit value and kind, created on first use. */
  private windowed(cache: Map<number, Ratelimit>, kind: "rpm" | "tpm", limit: number): Ratelimit {
    let found = cache.get(limit);
    if (!found) {
      found = new Ratelimit({
        redis: this.store.client,
        limiter: Ratelimit.fixedWindow(limit, `${WINDOW_MS} ms`),
        prefix: `${this.prefix}:${kind}`,
        analytics: false,
        timeout: 0,
        enableTelemetry: false,
      });
      cache.set(limit, found);
    }
    return found;
  }

  async admit(keyId: string, limits: PlanLimits, requestId: string): Promise<Admission> {
    const now = Date.now();
    const leaseKey = `${this.prefix}:lease:${keyId}`;
    const [requests, tokens, lease] = await Promise.allSettled([
      this.windowed(this.requestLimits, "rpm", limits.rpm).limit(keyId),
      this.windowed(this.tokenLimits, "tpm", limits.tpm).getRemaining(keyId),
      acquireLease(this.store.client, leaseKey, requestId, limits.concurrent, this.leaseTtlMs, now),
    ]);
    const leased = lease.status === "fulfilled" && lease.value;
    if (requests.status === "rejected" || tokens.status === "rejected" || lease.status === "rejected") {
      // Do not leave a lease behind a failed admission: a plan with one slot would wait out its TTL.
      if (leased) await releaseLease(this.store.client, leaseKey, requestId).catch(() => undefined);
      throw [requests, tokens, lease].find((r) => r.status === "rejected")?.reason;
    }
    const decision = decide(limits, { requests: requests.value, tokens: tokens.value, leased }, now);
    const seen = this.note(keyId, now, decision.ok ? decision.window.remaining : 0, tokens.value.remaining);
    if (!decision.ok) {
      // A request refused for its tokens or for concurrency does not use up one of the minute's requests.
      const refund = requests.value.success
        ? this.windowed(this.requestLimits, "rpm", limits.rpm).limit(keyId, { rate: -1 }).then(() => (decision.window.remaining += 1))
        : undefined;
      await Promise.all([leased ? releaseLease(this.store.client, leaseKey, requestId) : undefined, refund]);
      return decision;
    }
    seen.inFlight++;
    const release = releaseOnce((tokens: number) => {
      seen.inFlight--;
      return this.finish(leaseKey, keyId, requestId, tokens);
    });
    return { ...decision, release };
  }

  likelyAdmits(keyId: string, limits: PlanLimits): boolean {
    const seen = this.seen.get(keyId);
    // Two requests left, not one: other instances count in the same minute.
    return seen !== undefined && seen.window === windowIndex(Date.now()) && seen.requests >= 2 && seen.tokens > 0 && seen.inFlight < limits.concurrent;
  }

  /** Remember what an admission saw of a key (its requests in flight carry over). */
  private note(keyId: string, now: number, requests: number, tokens: number): Seen {
    let seen = this.seen.get(keyId);
    if (!seen) {
      if (this.seen.size >= SEEN_MAX) this.seen.clear();
      seen = { window: 0, requests: 0, tokens: 0, inFlight: 0 };
      this.seen.set(keyId, seen);
    }
    Object.assign(seen, { window: windowIndex(now), requests, tokens });
    return seen;
  }

  /** End a request: its lease back and its tokens counted, in one command; awaited only when the store cannot send it at once. */
  private finish(leaseKey: string, keyId: string, requestId: string, tokens: number): Promise<void> {
    // @upstash/ratelimit's fixed-window counter: `<prefix>:<identifier>:<window index>`.
    const tokenKey = `${this.prefix}:tpm:${keyId}:${windowIndex(Date.now())}`;
    const count = tokens > 0 ? Math.ceil(tokens) : 0;
    const sent = finishLease(this.store.immediate ?? this.store.client, leaseKey, requestId, tokenKey, count, WINDOW_MS).catch((err: Error) =>
      log.warn(`limits: could not end a request's lease (it expires by itself) or count its ${count} tokens: ${err.message}`),
    );
    return this.store.immediate ? Promise.resolve() : sent;
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
