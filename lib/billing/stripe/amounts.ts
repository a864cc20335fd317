// What credits can be bought for, and Stripe's integer cents as our nano-dollars.
import { NANO_PER_USD, parseUsd } from "../../money";
import { UserError } from "../../actions/errors";

/** The fixed top-up amounts offered, in whole dollars. */
export const TOPUP_PRESETS_USD = [10, 25, 50, 100] as const;
export const TOPUP_MIN_USD = 5;
export const TOPUP_MAX_USD = 1000;

/** Pro's price when STRIPE_PRO_PRICE_ID is not set: $20 a month, in cents. */
export const PRO_MONTHLY_CENTS = 2000;

const NANO_PER_CENT = NANO_PER_USD / 100n;

/** A custom amount typed by a person ("25", "$25.50") as cents, or a UserError on the `amount` field saying what is allowed. */
export function parseTopupCents(input: string): number {
  let nano: bigint;
  try {
    nano = parseUsd(input);
  } catch {
    throw new UserError("Enter an amount in dollars, e.g. 25 or 25.50.", "amount");
  }
  if (nano % NANO_PER_CENT !== 0n) throw new UserError("Amounts can have at most two decimals (whole cents).", "amount");
  const cents = nano / NANO_PER_CENT;
  if (cents < BigInt(TOPUP_MIN_USD * 100) || cents > BigInt(TOPUP_MAX_USD * 100)) {
    throw new UserError(`Choose an amount between $${TOPUP_MIN_USD} and $${TOPUP_MAX_USD}.`, "amount");
  }
  return Number(cents);
}

/** Whole-cent nano-dollars as Stripe's integer cents. */
export function nanoToCents(nano: bigint): number {
  if (nano < 0n || nano % NANO_PER_CENT !== 0n) throw new Error(`${nano} nano-dollars is not a whole, non-negative number of cents`);
  return Number(nano / NANO_PER_CENT);
}

/** Stripe's amount in cents as nano-dollars. */
export function centsToNano(cents: number): bigint {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`${cents} is not a whole, non-negative number of cents`);
  return BigInt(cents) * NANO_PER_CENT;
}

/** A balance line typed by a person ("1", "$2.50"): whole cents from `minUsd` to TOPUP_MAX_USD, in nano-dollars; else a UserError on `field`. */
export function parseBalanceLine(input: string, field: string, minUsd = 0): bigint {
  let nano: bigint;
  try {
    nano = parseUsd(input);
  } catch {
    throw new UserError("Enter an amount in dollars, e.g. 1 or 2.50.", field);
  }
  if (nano % NANO_PER_CENT !== 0n) throw new UserError("Amounts can have at most two decimals (whole cents).", field);
  if (nano < BigInt(minUsd) * NANO_PER_USD || nano > BigInt(TOPUP_MAX_USD) * NANO_PER_USD) {
    throw new UserError(`Choose an amount between $${minUsd} and $${TOPUP_MAX_USD}.`, field);
  }
  return nano;
}
