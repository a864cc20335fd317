// The sign-up grant: SIGNUP_CREDITS_USD, booked once per account (its reference is the account's).
import { env } from "../env";
import { parseUsd } from "../money";
import { postEntry } from "../billing/ledger";

/** The grant's description in the ledger (customers see it in their history). */
export const SIGNUP_GRANT_DESCRIPTION = "Sign-up credits";

/** Book the sign-up grant (default: SIGNUP_CREDITS_USD); a second call books nothing. */
export async function grantSignupCredits(userId: string, credits = parseUsd(env().SIGNUP_CREDITS_USD)): Promise<void> {
  if (credits > 0n) await postEntry({ userId, kind: "GRANT", amount: credits, reference: `signup:${userId}`, description: SIGNUP_GRANT_DESCRIPTION });
}
