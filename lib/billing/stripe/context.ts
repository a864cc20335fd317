// What an event handler gets: the transaction that also records the event id, and a
// way to say an account's plan changed (its cached keys are dropped after commit), and work for after commit.
import type pg from "pg";

export type WebhookContext = {
  /** The open transaction; the dispatcher commits it with the StripeEvent row. */
  tx: pg.PoolClient;
  /** Note that this account's plan or limits changed. */
  planChanged(userId: string): void;
  /** Run this once the event's transaction has committed (e-mails, balance checks); its failure is logged. */
  afterCommit(work: () => Promise<void>): void;
};

/** The id behind an expandable Stripe field (a string, or the object itself). */
export function stripeId(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}
