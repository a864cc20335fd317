// Slices of busy keys' limits, so that most of their requests are admitted without a round trip
// to the store. A key this process admits at least twice within a second, whose plan leaves room
// (SLICEABLE), gets a slice in one script (store-scripts.ts SLICE): requests counted ahead in the
// minute's counter (at most a quarter of what it has left, SLICE_REQUESTS at most) and a few
// concurrency slots held as lease members (never the last SLICE_SPARE_SLOTS free ones). A request
// the slice covers is admitted here: one of its requests and one of its free slots; its end
// frees the slot and keeps its tokens for the next script. What can never happen: more requests
// in a minute than the plan's, or more in flight than its concurrency, across all processes —
// both are counted in the store before they are used here. What a slice changes: another process
// may refuse a request while this one holds requests or slots it does not use — until the minute
// ends, or the slice goes back once idle (IDLE_MS, checked every TICK_MS: within 0.6 s); and the
// tokens used here reach the store within TOKENS_MS (sooner when they add up to a fiftieth of the
// plan's minute), so other processes see them that much later; an exact admission of the key here
// counts them first, in its own script.
// A slice goes back at once when its key's plan changes (the slots of its requests in flight as
// they end). A request the slice cannot cover takes the exact path (one script per admission and per end).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Admission, RateWindow } from "./limiter";
import type { PlanLimits } from "./plans";
import { giveBackScript, sliceScript, SLICE_SPARE_SLOTS, type LimitKeys } from "./store-scripts";
import { releaseOnce } from "./admission";
import type { ScriptClient } from "./scripts";
import { windowEnd, windowIndex } from "./window";
import { log } from "../log";

/** Most requests one script counts ahead for a slice. */
const SLICE_REQUESTS = 32;
/** Most concurrency slots a slice holds. */
const SLICE_SLOTS = 8;
/** A slice nothing used for this long goes back. */
const IDLE_MS = 400;
/** How often slices are looked at: idle ones given back, tokens counted, the rest topped up or renewed. */
const TICK_MS = 200;
/** Tokens used under a slice reach the store within this long (at once when they are a fiftieth of the plan's minute). */
const TOKENS_MS = 1_000;
/** How long a slice's slots outlive this process if it dies without giving them back (renewed while in use; never longer than a request's lease). */
const SLOT_TTL_MS = 30_000;
/** Keys whose plan leaves room enough to slice. */
const SLICEABLE = (limits: PlanLimits) => limits.rpm >= 200 && limits.concurrent >= 2 * SLICE_SPARE_SLOTS;
/** Keys remembered for their last exact admission (a key admitted twice within a second is busy). */
const RECENT_MAX = 10_000;

/** The minute's tokens as far as this process knows: the store's, and its own not yet counted there. */
const known = (slice: Slice) => slice.tokensSeen + slice.sending + slice.tokens;
const sameLimits = (a: PlanLimits, b: PlanLimits) => a.rpm === b.rpm && a.tpm === b.tpm && a.concurrent === b.concurrent;

type Slice = {
  keyId: string;
  limits: PlanLimits;
  /** The minute `requests` were counted in. */
  window: number;
  /** Counted ahead in that minute's counter, not yet used. */
  requests: number;
  /** The last grant of requests: a slice below a quarter of it asks for more. */
  granted: number;
  /** The minute's count after the last grant. */
  count: number;
  /** Slots held (lease members 1…slots) and the requests admitted here in flight. */
  slots: number;
  inUse: number;
  /** The minute's tokens as this process knows them; the tokens of requests ended here not yet counted in the store, and those on their way there. */
  tokensSeen: number;
  tokens: number;
  sending: number;
  /** Tokens exact requests counted after the script in flight was sent (its answer does not include them). */
  countedSince: number;
  /** When the slots expire unless renewed. */
  expiresAt: number;
  usedAt: number;
  /** When the last script was sent. */
  askedAt: number;
  asking: Promise<void> | null;
};

/** This process's slices of the keys it serves most, over one store. */
export class KeySlices {
  private readonly slices = new Map<string, Slice>();
  private readonly recent = new Map<string, number>();
  private readonly member = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private timer: NodeJS.Timeout | undefined;

  /** How long this process's slots outlive it. */
  private readonly slotTtlMs: number;

  constructor(
    private readonly client: ScriptClient,
    private readonly keysOf: (keyId: string, now: number) => LimitKeys,
    private readonly leaseTtlMs: number,
  ) {
    this.slotTtlMs = Math.min(SLOT_TTL_MS, leaseTtlMs);
  }

  /** The lease members of a key's slice: `<prefix><n>`. */
  private memberPrefix(keyId: string): string {
    return `slice:${this.member}:${keyId}:`;
  }

  /** Whether the key's slice covers one more request now. */
  covers(keyId: string, limits: PlanLimits, now = Date.now()): boolean {
    const slice = this.slices.get(keyId);
    return slice !== undefined && sameLimits(slice.limits, limits) && slice.window === windowIndex(now) && slice.requests > 0 &&
      slice.inUse < slice.slots && known(slice) < limits.tpm;
  }

  /** Admit a request from the key's slice, or null when the slice (if any) does not cover it. */
  admit(keyId: string, limits: PlanLimits): Extract<Admission, { ok: true }> | null {
    const now = Date.now();
    if (!this.covers(keyId, limits, now)) return null;
    const slice = this.slices.get(keyId)!;
    slice.requests--;
    slice.inUse++;
    slice.usedAt = now;
    if (slice.requests * 4 < slice.granted) this.ask(slice);
    const reset = Math.ceil(windowEnd(now) / 1000);
    const window: RateWindow = { limit: limits.rpm, remaining: Math.max(0, limits.rpm - slice.count) + slice.requests, reset };
    const tokens: RateWindow = { limit: limits.tpm, remaining: Math.max(0, limits.tpm - known(slice)), reset };
    const release = releaseOnce(async (used) => {
      slice.inUse--;
      slice.tokens += used > 0 ? Math.ceil(used) : 0;
      slice.usedAt = Date.now();
      if (this.slices.get(keyId) !== slice) await this.giveBack(slice); // given back while this was in flight
    });
    return { ok: true, window, tokens, release };
  }

  /**
   * What an exact admission of the key must wait for, if anything: the slice going back when the key's
   * plan changed since it was taken (the new plan must not count what it held), or its script in
   * flight (once answered, the slice may cover the request after all).
   */
  pending(keyId: string, limits: PlanLimits): Promise<void> | null {
    const slice = this.slices.get(keyId);
    if (!slice) return null;
    if (!sameLimits(slice.limits, limits)) return Promise.resolve(slice.asking).then(() => this.giveBack(slice));
    return slice.asking;
  }

  /**
   * The tokens of the key's requests ended here and not yet counted in the store, for an exact admission
   * to count before it reads the minute's tokens; `counted` says whether it did (they are kept otherwise).
   */
  takeTokens(keyId: string): { tokens: number; counted: (ok: boolean) => void } {
    const slice = this.slices.get(keyId);
    const tokens = slice?.tokens ?? 0;
    if (!slice || !tokens) return { tokens: 0, counted: () => undefined };
    slice.tokens = 0;
    slice.sending += tokens;
    return {
      tokens,
      counted: (ok) => {
        slice.sending -= tokens;
        if (ok) this.counted(slice.keyId, tokens);
        else slice.tokens += tokens;
      },
    };
  }

  /** Tokens an exactly admitted request of the key counted in the store: the slice's view includes them from now on. */
  counted(keyId: string, tokens: number): void {
    const slice = this.slices.get(keyId);
    if (!slice) return;
    slice.tokensSeen += tokens;
    slice.countedSince += tokens;
  }

  /** After an exact admission of the key: a key admitted twice within a second, with room, gets a slice. */
  admitted(keyId: string, limits: PlanLimits, tokensUsed: number): void {
    const now = Date.now();
    const last = this.recent.get(keyId);
    if (this.recent.size >= RECENT_MAX) this.recent.clear();
    this.recent.set(keyId, now);
    if (last === undefined || now - last > 1_000 || this.slices.has(keyId) || !SLICEABLE(limits) || tokensUsed * 2 > limits.tpm) return;
    const slice: Slice = {
      keyId, limits, window: windowIndex(now), requests: 0, granted: 0, count: 0, slots: 0, inUse: 0, tokensSeen: tokensUsed, tokens: 0, sending: 0, countedSince: 0,
      expiresAt: 0, usedAt: now, askedAt: 0, asking: null,
    };
    this.slices.set(keyId, slice);
    this.ask(slice);
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Count the slice's tokens; top up its requests (a new minute, or below a quarter of the last grant) and renew its slots. */
  private ask(slice: Slice): void {
    if (slice.asking) return;
    const now = Date.now();
    const window = windowIndex(now);
    const wantRequests = slice.window !== window || slice.requests * 4 < Math.max(1, slice.granted) ? SLICE_REQUESTS : 0;
    const wantSlots = slice.slots || Math.min(SLICE_SLOTS, Math.floor(slice.limits.concurrent / 8));
    const tokens = slice.tokens;
    const expiresAt = now + this.slotTtlMs;
    slice.tokens = 0;
    slice.sending += tokens;
    slice.countedSince = 0;
    slice.askedAt = now;
    slice.asking = sliceScript(this.client, this.keysOf(slice.keyId, now), slice.limits, { requests: wantRequests, slots: wantSlots, tokens }, this.memberPrefix(slice.keyId), now, expiresAt, this.leaseTtlMs)
      .then((granted) => {
        slice.sending -= tokens;
        slice.tokensSeen = granted.tokens + slice.countedSince;
        if (slice.window !== window) {
          slice.window = window;
          slice.requests = 0;
        }
        slice.requests += granted.requests;
        if (wantRequests) slice.granted = granted.requests;
        slice.count = granted.count;
        slice.slots = granted.slots;
        slice.expiresAt = expiresAt;
      })
      .catch((err: Error) => {
        slice.sending -= tokens;
        slice.tokens += tokens;
        log.warn(`limits: could not top up a key's slice (its requests take the exact path meanwhile): ${err.message}`);
      })
      .finally(() => (slice.asking = null));
  }

  /** Whether a slice in use needs a script now: a new minute, few requests left, slots to renew, or tokens to count (a fiftieth of the plan's minute, or any after a second). */
  private due(slice: Slice, now: number): boolean {
    const tokensDue = slice.tokens > 0 && (slice.tokens * 50 >= slice.limits.tpm || now - slice.askedAt >= TOKENS_MS);
    return tokensDue || slice.window !== windowIndex(now) || slice.expiresAt - now < this.slotTtlMs / 2 || slice.requests * 4 < slice.granted;
  }

  /** Give idle slices back; count the others' tokens, top them up and renew their slots. */
  private tick(): void {
    const now = Date.now();
    for (const slice of this.slices.values()) {
      if (slice.asking) continue;
      if (slice.inUse === 0 && now - slice.usedAt >= IDLE_MS) void this.giveBack(slice, now);
      else if (this.due(slice, now)) this.ask(slice);
    }
    if (!this.slices.size && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /**
   * Give a slice back: its unused requests (if their minute still runs), its tokens, and the slots its
   * requests in flight do not use; each of those gives its own back when it ends.
   */
  private giveBack(slice: Slice, now = Date.now()): Promise<void> {
    if (this.slices.get(slice.keyId) === slice) this.slices.delete(slice.keyId);
    const unused = slice.window === windowIndex(now) ? slice.requests : 0;
    const [tokens, slots] = [slice.tokens, [slice.inUse + 1, slice.slots] as [number, number]];
    slice.requests = 0;
    slice.tokens = 0;
    slice.slots = slice.inUse;
    return giveBackScript(this.client, this.keysOf(slice.keyId, now), unused, tokens, this.memberPrefix(slice.keyId), slots).catch((err: Error) =>
      log.warn(`limits: could not give a key's slice back (its slots expire within ${this.slotTtlMs / 1000} s): ${err.message}`),
    );
  }

  /** Give every slice back (on shutdown), once their scripts in flight have answered. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all([...this.slices.values()].map((s) => s.asking));
    const now = Date.now();
    await Promise.all([...this.slices.values()].map((s) => this.giveBack(s, now)));
  }
}
