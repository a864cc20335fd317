// This process's credit leases, one per account, kept in memory: a request's hold is taken from
// its account's lease without a database round trip; only a request the lease cannot cover takes
// or tops up the lease (one statement, lib/billing/leases.ts). Settlement moves each charge out of
// the lease (in PostgreSQL by settleMany, here once it has committed) and the rest of the hold
// returns to the lease. The part of a lease that stays unused for a whole window of
// CREDIT_LEASE_IDLE_MS goes back to the account at the window's end (an idle lease closes; a lease
// in use keeps its window's peak of holds and four windows of its charges): credit freed mid-window
// is unused for the next whole window at the latest, and ticks come every half window, so another
// process refuses a request because of an idle lease for at most 2.5 × CREDIT_LEASE_IDLE_MS
// (1 s by default). The same ticks renew the leases (every 5 s at most) while this process lives; a
// lease this process could not renew for three periods is no longer used, so with the database
// unreachable requests stop being served from memory within 15 s — before their settlements give
// up retrying (lib/gateway/meter.ts) — and long before the sweeper may return the lease.
// What memory believes a lease holds is never more than its row: charges are taken off only once
// committed, and while a request is in flight its whole hold is counted as reserved.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { isStoreUnavailable } from "../db/unavailable";
import { env } from "../env";
import { log } from "../log";
import { changeLeases, openLease, topUpLease, type LeaseChange } from "./leases";

type Lease = {
  id: string;
  userId: string;
  /** What the row holds, as far as this process knows (never more than the row). */
  amount: bigint;
  /** Holds of this process's requests in flight. */
  reserved: bigint;
  /** The least that was free since `windowStart`: unused for the whole window. */
  lowFree: bigint;
  windowStart: number;
  /** This window's peak of reservations and its charges, and the last window's: the lease's size. */
  peak: bigint;
  spent: bigint;
  lastPeak: bigint;
  lastSpent: bigint;
  /** When a statement last pushed the row's expiry ahead (taken before it was sent). */
  renewedAt: number;
  /** A top-up in flight: other requests wait for it rather than send their own. */
  growing: Promise<void> | null;
  /** The most one statement granted: the account could spare that much then. */
  largestGrant: bigint;
};

/** A first lease covers a few requests like the one that opens it (within half the spendable balance). */
const FIRST_LEASE_HOLDS = 4n;
/** How many windows of its recent charges a lease in use keeps (and a top-up adds) beyond its peak of holds. */
const SPEND_WINDOWS = 4n;

type PoolState = {
  leases: Map<string, Lease>;
  /** Accounts whose idle lease closed lately, with when and the most it was granted at once: likely to cover a request like theirs again. */
  closedIdle: Map<string, { at: number; amount: bigint }>;
  /** Leases to close whose statement failed (or that were dropped): closing again is harmless, so the next tick retries them. */
  unclosed: string[];
  timer?: NodeJS.Timeout;
  /** When the leases were last all renewed. */
  renewedAt: number;
  ticking: Promise<void> | null;
};
const globalForLeases = globalThis as unknown as { __sibLeases?: PoolState };
/** One pool per process, shared by Next's bundles and the production server. */
const state: PoolState = (globalForLeases.__sibLeases ??= { leases: new Map(), closedIdle: new Map(), unclosed: [], renewedAt: Date.now(), ticking: null });
/** How long a closed idle lease still vouches for its account, and for how many accounts at most. */
const VOUCH_MS = 60_000;
const VOUCH_MAX = 10_000;
const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

const free = (lease: Lease) => lease.amount - lease.reserved;
const bigMin = (a: bigint, b: bigint) => (a < b ? a : b);
const bigMax = (a: bigint, b: bigint) => (a > b ? a : b);

function take(lease: Lease, amount: bigint): string {
  lease.reserved += amount;
  lease.peak = bigMax(lease.peak, lease.reserved);
  lease.lowFree = bigMin(lease.lowFree, free(lease));
  return lease.id;
}

/** Open this process's lease for an account, sized for `amount` and a few more like it. */
async function open(userId: string, amount: bigint): Promise<void> {
  const startedAt = Date.now();
  const lease: Lease = {
    id: `lease_${randomBytes(12).toString("hex")}`, userId, amount: 0n, reserved: 0n, lowFree: 0n, windowStart: startedAt,
    peak: 0n, spent: 0n, lastPeak: 0n, lastSpent: 0n, renewedAt: startedAt, growing: null, largestGrant: 0n,
  };
  state.leases.set(userId, lease);
  lease.growing = (async () => {
    try {
      const granted = await openLease(lease.id, userId, instanceId, amount, amount * FIRST_LEASE_HOLDS, env().CREDIT_LEASE_TTL_MS);
      state.closedIdle.delete(userId);
      if (granted === null) state.leases.delete(userId);
      else {
        lease.amount = granted;
        lease.lowFree = granted;
        lease.largestGrant = granted;
      }
    } catch (err) {
      state.leases.delete(userId);
      throw err;
    } finally {
      lease.growing = null;
    }
  })();
  startTimer();
  await lease.growing;
}

/**
 * Add to a lease what `amount` lacks, plus room for its recent peak of holds — at least as much again
 * as is in flight with this one (a burst doubles the lease, it does not top it up at every other
 * request while settlements catch up) — and a few windows of its recent charges.
 */
async function grow(lease: Lease, amount: bigint): Promise<"grown" | "refused" | "gone"> {
  const need = amount - free(lease);
  const want = need + bigMax(bigMax(lease.peak, lease.lastPeak), lease.reserved + amount) + SPEND_WINDOWS * bigMax(lease.spent, lease.lastSpent);
  const startedAt = Date.now();
  let outcome: "grown" | "refused" | "gone" = "refused";
  lease.growing = (async () => {
    try {
      const granted = await topUpLease(lease.id, lease.userId, need, want, env().CREDIT_LEASE_TTL_MS);
      if (typeof granted === "bigint") {
        lease.amount += granted;
        lease.largestGrant = bigMax(lease.largestGrant, granted);
        lease.renewedAt = startedAt;
        outcome = "grown";
      } else outcome = granted;
    } finally {
      lease.growing = null;
    }
  })();
  await lease.growing;
  return outcome;
}

/** Stop using a lease: closed at the next tick when nothing is in flight on it, else left to expire. */
function drop(lease: Lease): void {
  if (state.leases.get(lease.userId) === lease) state.leases.delete(lease.userId);
  if (lease.reserved === 0n) state.unclosed.push(lease.id);
}

/**
 * Hold `amount` for a request against this process's lease on the account's balance; returns the
 * lease's id, or null when the account cannot cover it (its spendable balance, less what other
 * processes lease, is below what this lease lacks).
 */
export async function holdFromLease(userId: string, amount: bigint): Promise<string | null> {
  for (;;) {
    const lease = state.leases.get(userId);
    if (!lease) {
      await open(userId, amount);
      if (!state.leases.has(userId)) return null;
      continue;
    }
    if (lease.growing) {
      if (free(lease) >= amount) return take(lease, amount);
      // The database did not answer that statement: nor would it ours (waiters sending theirs in turn each waited it out).
      await lease.growing.catch((err: unknown) => {
        if (isStoreUnavailable(err)) throw err;
      });
      continue;
    }
    // Not renewed for three periods: the database is unreachable, nothing served now could settle.
    if (Date.now() - lease.renewedAt > 3 * renewEveryMs()) {
      drop(lease);
      continue;
    }
    if (free(lease) >= amount) return take(lease, amount);
    const grown = await grow(lease, amount);
    // The account can't cover what the lease lacks (unless holds ended meanwhile and it now fits).
    if (grown === "refused") return state.leases.get(userId) === lease && free(lease) >= amount ? take(lease, amount) : null;
    if (grown === "gone") drop(lease); // returned by the sweeper: open a new one
  }
}

/**
 * Whether the account will very likely cover a hold of `amount` now: this process's lease on it
 * has that much free, or this process closed an idle one that was once granted twice the amount
 * within the last minute (a refused lease forgets that). (Another process
 * may have spent the balance since: then the hold is refused all the same; this only tells a caller
 * it may start work that it will cancel in that case.)
 */
export function likelyCovered(userId: string, amount: bigint): boolean {
  const lease = state.leases.get(userId);
  if (lease) return free(lease) >= amount;
  const closed = state.closedIdle.get(userId);
  return closed !== undefined && Date.now() - closed.at < VOUCH_MS && closed.amount >= 2n * amount;
}

/**
 * A request's hold on a lease ends: `charged` was moved out of the lease by its committed
 * settlement (0 when released without charge), the rest returns to the lease. `charged` null: the
 * outcome is unknown (settlement failed or had already happened), so the whole hold is counted
 * as spent — credit parked until the lease closes, never credit spent twice.
 */
export function endLeaseHold(userId: string, leaseId: string, hold: bigint, charged: bigint | null): void {
  const lease = state.leases.get(userId);
  if (!lease || lease.id !== leaseId) return; // dropped: left to the sweeper
  const spent = charged ?? hold;
  lease.reserved -= hold;
  lease.amount -= spent;
  lease.spent += spent;
}

/** What this tick changes for one lease (and the lease's next window), or null for nothing. */
function windowChange(lease: Lease, now: number, idleMs: number): LeaseChange | null {
  if (lease.growing || now - lease.windowStart < idleMs) return null;
  const unused = bigMin(lease.lowFree, free(lease));
  // A lease in use keeps its window's peak and a few windows' worth of its charges: the next
  // windows' charges come out of it without a top-up each. A lease nothing used closes whole.
  const give = bigMax(bigMin(unused, lease.amount - lease.peak - SPEND_WINDOWS * bigMax(lease.spent, lease.lastSpent)), 0n);
  lease.lastPeak = lease.peak;
  lease.lastSpent = lease.spent;
  lease.peak = lease.reserved;
  lease.spent = 0n;
  lease.windowStart = now;
  if (lease.reserved === 0n && unused >= lease.amount) {
    state.leases.delete(lease.userId);
    if (state.closedIdle.size >= VOUCH_MAX) state.closedIdle.clear();
    state.closedIdle.set(lease.userId, { at: now, amount: lease.largestGrant });
    return { id: lease.id, give: 0n, close: true };
  }
  lease.amount -= give;
  lease.lowFree = free(lease);
  return give > 0n ? { id: lease.id, give, close: false } : null;
}

/**
 * Apply lease changes (with the closes still owed) in one statement. Closes that fail are kept for
 * the next try; a give-back that fails is not retried (it may have committed): memory already
 * counts it as gone, which only parks it until the lease closes.
 */
async function apply(changes: LeaseChange[]): Promise<void> {
  const all = [...state.unclosed.map((id) => ({ id, give: 0n, close: true })), ...changes];
  state.unclosed = [];
  try {
    await changeLeases(all, env().CREDIT_LEASE_TTL_MS);
  } catch (err) {
    state.unclosed = all.filter((c) => c.close).map((c) => c.id);
    throw err;
  }
}

/** Give back what stayed unused for a whole window, close idle leases, and renew the rest well before they expire. */
async function tick(): Promise<void> {
  const idleMs = env().CREDIT_LEASE_IDLE_MS;
  const now = Date.now();
  const renew = now - state.renewedAt >= renewEveryMs();
  const changes: LeaseChange[] = [];
  const renewed: Lease[] = [];
  for (const lease of state.leases.values()) {
    const change = windowChange(lease, now, idleMs) ?? (renew ? { id: lease.id, give: 0n, close: false } : null);
    if (!change) continue;
    changes.push(change);
    if (!change.close) renewed.push(lease);
  }
  await apply(changes);
  for (const lease of renewed) lease.renewedAt = now;
  if (renew) state.renewedAt = now;
}

/** How often leases are renewed: every 5 s, or a quarter of their expiry when that is shorter. */
function renewEveryMs(): number {
  return Math.min(5_000, env().CREDIT_LEASE_TTL_MS / 4);
}

/** Every half window, and every half renewal period. */
function tickMs(): number {
  return Math.max(25, Math.floor(Math.min(env().CREDIT_LEASE_IDLE_MS, renewEveryMs()) / 2));
}

function startTimer(): void {
  if (state.timer) return;
  state.timer = setInterval(() => {
    if (state.ticking) return; // a slow database: skip a beat rather than pile up statements
    state.ticking = tick()
      .catch((err: Error) => log.warn(`credit leases not updated: ${err.message}`))
      .finally(() => {
        state.ticking = null;
        if (!state.leases.size && !state.unclosed.length && state.timer) {
          clearInterval(state.timer);
          state.timer = undefined;
        }
      });
  }, tickMs());
  state.timer.unref();
}

/** Give every lease of this process back to its account (at shutdown, after settlements have drained). */
export async function returnLeases(): Promise<void> {
  if (state.timer) clearInterval(state.timer);
  state.timer = undefined;
  await state.ticking;
  const changes = [...state.leases.values()].map((lease) => ({ id: lease.id, give: 0n, close: true }));
  state.leases.clear();
  await apply(changes);
}
