// Whole-cent nano-dollar amounts as the plain dollar text a form field holds ("1.00").

/** "12.50" for 12.5 USD in nano-dollars; empty for null. */
export function dollarText(nano: bigint | null): string {
  if (nano === null) return "";
  const cents = nano / 10_000_000n;
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, "0")}`;
}
