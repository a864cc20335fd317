// How money reads on screen: balances and spend to the cent, per-request costs to six
// significant digits, and never "$0.00" for an amount that is not zero.
import { formatUsdExact } from "./money";

const CENT = 10_000_000n;

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Round a non-negative nano-dollar amount to `digits` significant digits. */
function roundSignificant(abs: bigint, digits: number): bigint {
  const length = abs.toString().length;
  if (length <= digits) return abs;
  const unit = 10n ** BigInt(length - digits);
  return ((abs + unit / 2n) / unit) * unit;
}

/** "$1,234.5", "-$0.00045": nano-dollars with the decimals they need (at least two), thousands grouped. */
function display(nano: bigint): string {
  const exact = formatUsdExact(nano);
  const [sign, rest] = exact.startsWith("-") ? ["-", exact.slice(2)] : ["", exact.slice(1)];
  const [whole, frac] = rest.split(".");
  return `${sign}$${groupThousands(whole)}.${frac}`;
}

/** A balance or a total spend: to the cent; below a cent, two significant digits so it never reads as zero. */
export function formatMoney(nano: bigint): string {
  const negative = nano < 0n;
  const abs = negative ? -nano : nano;
  const rounded = abs >= CENT || abs === 0n ? ((abs + CENT / 2n) / CENT) * CENT : roundSignificant(abs, 2);
  return display(negative ? -rounded : rounded);
}

/** One request's cost: up to six significant digits ("$0.000123457", "$1.23457", "$0.00"). */
export function formatCost(nano: bigint): string {
  const negative = nano < 0n;
  const rounded = roundSignificant(negative ? -nano : nano, 6);
  return display(negative ? -rounded : rounded);
}

/** The exact amount, for a hover title: "$4.99837603 (4998376030 nano-dollars)". */
export function formatExact(nano: bigint): string {
  return `${display(nano)} (${nano.toString()} nano-dollars)`;
}
