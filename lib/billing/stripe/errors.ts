// What a person is told when billing cannot go ahead; Stripe's own failures are logged without secrets.
import Stripe from "stripe";

/** A billing problem with a message fit to show the person who asked. */
export class BillingError extends Error {}

/** Turn a failure of a Stripe call into a BillingError; logs Stripe's error type, code and request id only. */
export function billingFailure(action: string, err: unknown): BillingError {
  if (err instanceof BillingError) return err;
  if (err instanceof Stripe.errors.StripeError) {
    console.error(`[billing] ${action} failed: ${err.type}${err.code ? ` (${err.code})` : ""}, status ${err.statusCode ?? "-"}, request ${err.requestId ?? "-"}`);
  } else {
    console.error(`[billing] ${action} failed: ${err instanceof Error ? err.name : "unknown error"}`);
  }
  return new BillingError("Payments are unavailable right now. Please try again in a minute.");
}
