// A request's credit hold, wherever it is placed: against this process's lease on the account's
// balance, in memory (lib/billing/lease-pool.ts), or — for a key with a spend limit, whose limit
// is checked in the same statement — as a Hold row (lib/billing/ledger.ts placeHold).
import { placeHold, releaseHold, type HoldOutcome } from "./ledger";
import { endLeaseHold, holdFromLease } from "./lease-pool";

export type CreditHold = {
  requestId: string;
  userId: string;
  amount: bigint;
  /** The lease it was taken from; null: a Hold row. */
  leaseId: string | null;
};

/** Hold `amount` for a request: from the account's lease, or as a row when the key has a spend limit. */
export async function holdCredit(userId: string, requestId: string, amount: bigint, ttlMs: number, limitedKeyId?: string): Promise<{ outcome: HoldOutcome; hold: CreditHold | null }> {
  if (limitedKeyId) {
    const outcome = await placeHold(userId, requestId, amount, ttlMs, limitedKeyId);
    return { outcome, hold: outcome === "placed" ? { requestId, userId, amount, leaseId: null } : null };
  }
  const leaseId = await holdFromLease(userId, amount);
  return leaseId === null ? { outcome: "balance", hold: null } : { outcome: "placed", hold: { requestId, userId, amount, leaseId } };
}

/** Give a hold back without charging (the request failed before any output). */
export async function releaseCredit(hold: CreditHold): Promise<void> {
  if (hold.leaseId === null) await releaseHold(hold.requestId);
  else endLeaseHold(hold.userId, hold.leaseId, hold.amount, 0n);
}

/** After the request's settlement: what it charged (null: unknown) leaves the lease, the rest returns to it. A Hold row was closed by the settlement itself. */
export function creditSettled(hold: CreditHold, charged: bigint | null): void {
  if (hold.leaseId !== null) endLeaseHold(hold.userId, hold.leaseId, hold.amount, charged);
}
