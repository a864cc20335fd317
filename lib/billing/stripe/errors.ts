// Stripe's own failures, as a message a person may read; logged without secrets.
import Stripe from "stripe";
import { UserError } from "../../actions/errors";
import { log } from "../../log";

/** Turn a failure of a Stripe call into a UserError (502); logs Stripe's error type, code and request id only. */
export function billingFailure(action: string, err: unknown): UserError {
  if (err instanceof UserError) return err;
  if (err instanceof Stripe.errors.StripeError) {
    log.error(`[billing] ${action} failed: ${err.type}${err.code ? ` (${err.code})` : ""}, status ${err.statusCode ?? "-"}, request ${err.requestId ?? "-"}`);
  } else {
    log.error(`[billing] ${action} failed: ${err instanceof Error ? err.name : "unknown error"}`);
  }
  return new UserError("Payments are unavailable right now. Please try again in a minute.", undefined, 502);
}
