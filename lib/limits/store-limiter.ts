// The limiter on a shared store (self-hosted Redis or Upstash): requests and tokens per minute in
// fixed windows, concurrency through leases. A request's admission is one script and its end one
// more (store-scripts.ts), both on one connection, so a request's end always reaches the store
// before the admission of any request sent after it — unless the key is busy here and its slice
// (slices.ts) covers the request: then neither touches the store.
import type { Admission, Limiter } from "./limiter";
import type { PlanLimits } from "./plans";
import { decide, releaseOnce } from "./admission";
import { admitScript, finishScript, loadScripts } from "./store-scripts";
import type { ScriptClient } from "./scripts";
import { windowEnd, windowIndex } from "./window";
import { KeySlices } from "./slices";
import { LeaseRenewal } from "./lease-renewal";
import { log } from "../log";

/**
 * What a store gives the limiter: a client that runs scripts, and how to close it. `written`, when the
 * store has it (a Redis connection), resolves once the commands issued so far are on the socket: the
 * end of a request is then awaited only that far before its response (the ends of one event-loop turn
 * leave in one write), not for Redis's answer; with `now`, they are written at once. Over REST (Upstash) the answer is awaited.
 */
export type LimitStore = { client: ScriptClient; written?: (now: boolean) => Promise<void>; close: () => Promise<void> };

/**
 * What this process last saw of a key: the minute, the requests and tokens left after its last admission, its
 * requests in flight elsewhere at that admission (other instances'), its requests in flight here, and its
 * admissions here still waiting for the store's answer.
 */
type Seen = { window: number; requests: number; tokens: number; elsewhere: number; inFlight: number; asking: number };
const SEEN_MAX = 10_000;

/** Limits kept in a shared store, so every instance of the app counts together. */
export class StoreLimiter implements Limiter {
  private readonly seen = new Map<string, Seen>();
  /** Requests admitted here and not yet ended. */
  private inFlight = 0;
  /** The scripts' loading, once per limiter (again after a failure). */
  private loading: Promise<void> | null = null;
  /** Busy keys' slices: most of their requests are admitted here, without a script (slices.ts). */
  private readonly slices: KeySlices;
  /** The leases of requests admitted with a script, renewed while they run. */
  private readonly renewal: LeaseRenewal;
  private readonly leaseTtlMs: number;

  constructor(
    readonly backend: "redis" | "upstash",
    private readonly store: LimitStore,
    private readonly prefix: string,
    leases: { ttlMs: number; maxAgeMs: number },
  ) {
    this.leaseTtlMs = leases.ttlMs;
    this.slices = new KeySlices(store.client, (keyId, now) => ({ ...this.counterKeys(keyId, now), lease: this.leaseKey(keyId) }), leases.ttlMs);
    this.renewal = new LeaseRenewal(store.client, leases.ttlMs, leases.maxAgeMs);
  }

  private leaseKey(keyId: string): string {
    return `${this.prefix}:lease:${keyId}`;
  }

  /** A key's counters in the window `now` falls in (the names @upstash/ratelimit's fixed windows use). */
  private counterKeys(keyId: string, now: number): { requests: string; tokens: string } {
    const window = windowIndex(now);
    return { requests: `${this.prefix}:rpm:${keyId}:${window}`, tokens: `${this.prefix}:tpm:${keyId}:${window}` };
  }

  async admit(keyId: string, limits: PlanLimits, requestId: string): Promise<Admission> {
    const sliced = this.slices.admit(keyId, limits);
    if (sliced) return sliced;
    const seen = this.seenOf(keyId);
    seen.asking++;
    try {
      return await this.admitExactly(keyId, limits, requestId, seen);
    } finally {
      seen.asking--;
    }
  }

  /** Admit a request with the store's script (after what the key's slice, if any, must settle first). */
  private async admitExactly(keyId: string, limits: PlanLimits, requestId: string, seen: Seen): Promise<Admission> {
    const pending = this.slices.pending(keyId, limits);
    if (pending) {
      await pending;
      const topped = this.slices.admit(keyId, limits);
      if (topped) return topped;
    }
    const now = Date.now();
    const leaseKey = this.leaseKey(keyId);
    const counters = this.counterKeys(keyId, now);
    await (this.loading ??= loadScripts(this.store.client).catch((err: unknown) => {
      this.loading = null;
      throw err;
    }));
    const unsent = this.slices.takeTokens(keyId);
    let counted;
    try {
      counted = await admitScript(this.store.client, { ...counters, lease: leaseKey }, limits, requestId, now, this.leaseTtlMs, unsent.tokens);
    } finally {
      unsent.counted(counted !== undefined);
    }
    const reset = windowEnd(now);
    const decision = decide(limits, {
      requests: { success: counted.requestsBefore <= limits.rpm, remaining: Math.max(0, limits.rpm - counted.requests), reset },
      tokens: { remaining: limits.tpm - counted.tokens, reset },
      leased: counted.leased,
    }, now);
    Object.assign(seen, { window: windowIndex(now), requests: decision.ok ? decision.window.remaining : 0, tokens: limits.tpm - counted.tokens });
    if (counted.inFlight >= 0) seen.elsewhere = Math.max(0, counted.inFlight - seen.inFlight - (counted.leased ? 1 : 0));
    if (!decision.ok) return decision;
    this.slices.admitted(keyId, limits, counted.tokens);
    seen.inFlight++;
    this.inFlight++;
    this.renewal.track(requestId, leaseKey, now);
    const release = releaseOnce((tokens: number) => {
      seen.inFlight--;
      this.inFlight--;
      this.renewal.untrack(requestId);
      return this.finish(leaseKey, keyId, requestId, tokens);
    });
    return { ...decision, release };
  }

  likelyAdmits(keyId: string, limits: PlanLimits): boolean {
    if (this.slices.covers(keyId, limits)) return true;
    const seen = this.seen.get(keyId);
    // Two requests left, not one: other instances count in the same minute. In flight: here the requests admitted
    // and those waiting (the asking one among them); elsewhere what other instances had at the last admission,
    // counted twice (it may have grown as much since) — so neither a burst here nor a key several instances keep
    // at its concurrency calls ahead of refusals (seen: 191 cancelled upstream calls for 296 served, two instances).
    return seen !== undefined && seen.window === windowIndex(Date.now()) && seen.requests >= 2 && seen.tokens > 0 &&
      seen.elsewhere * 2 + seen.inFlight + seen.asking <= limits.concurrent;
  }

  /** What this process has seen of a key (a new entry sees nothing yet). */
  private seenOf(keyId: string): Seen {
    let seen = this.seen.get(keyId);
    if (!seen) {
      if (this.seen.size >= SEEN_MAX) this.seen.clear();
      seen = { window: 0, requests: 0, tokens: 0, elsewhere: 0, inFlight: 0, asking: 0 };
      this.seen.set(keyId, seen);
    }
    return seen;
  }

  /**
   * End a request: its lease back and its tokens counted, in one command; resolves once it is on its way
   * to the store — with the other commands of this event-loop turn while other requests are in flight
   * here (their ends and admissions share one write), at once when none is (nothing to wait for).
   */
  private finish(leaseKey: string, keyId: string, requestId: string, tokens: number): Promise<void> {
    const count = tokens > 0 ? Math.ceil(tokens) : 0;
    this.slices.counted(keyId, count);
    const sent = finishScript(this.store.client, { lease: leaseKey, tokens: this.counterKeys(keyId, Date.now()).tokens }, requestId, count).catch((err: Error) =>
      log.warn(`limits: could not end a request's lease (it expires by itself) or count its ${count} tokens: ${err.message}`),
    );
    return this.store.written ? this.store.written(this.inFlight === 0) : sent;
  }

  async close(): Promise<void> {
    this.renewal.stop();
    await this.slices.close();
    await this.store.close();
  }
}
