// Integer nano-dollars: 1 USD = 1_000_000_000n. No floats touch a balance.

export const NANO_PER_USD = 1_000_000_000n;

/** Parse a decimal dollar string ("5", "0.18", "-2.5") into nano-dollars, exactly. */
export function parseUsd(input: string): bigint {
  const match = /^(-)?(\d+)(?:\.(\d{1,9}))?$/.exec(input.trim().replace(/^\$/, ""));
  if (!match) throw new Error(`"${input}" is not a dollar amount (use digits, up to 9 decimals, e.g. 5 or 0.18)`);
  const [, sign, whole, frac = ""] = match;
  const nano = BigInt(whole) * NANO_PER_USD + BigInt(frac.padEnd(9, "0"));
  return sign ? -nano : nano;
}

/** A per-million-tokens price ("0.18" USD / 1M tokens) as nano-dollars per token. */
export function perMillionToPerToken(usdPerMillion: string): bigint {
  const nanoPerMillion = parseUsd(usdPerMillion);
  if (nanoPerMillion % 1_000_000n !== 0n) throw new Error(`${usdPerMillion}/1M is finer than one nano-dollar per token`);
  return nanoPerMillion / 1_000_000n;
}

/** Nano-dollars as a dollar string with `digits` decimals (rounded half away from zero). */
export function formatUsd(nano: bigint, digits = 2): string {
  const negative = nano < 0n;
  const abs = negative ? -nano : nano;
  const scale = 10n ** BigInt(9 - digits);
  const rounded = (abs + scale / 2n) / scale;
  const unit = 10n ** BigInt(digits);
  const whole = rounded / unit;
  const frac = digits > 0 ? "." + (rounded % unit).toString().padStart(digits, "0") : "";
  return `${negative ? "-" : ""}$${whole}${frac}`;
}

/** Cost of a request in nano-dollars. Cached prompt tokens use the cached price when one is set. */
export function tokenCost(
  usage: { promptTokens: number; completionTokens: number; cachedTokens?: number },
  price: { inputPrice: bigint; outputPrice: bigint; cachedInputPrice?: bigint | null },
): bigint {
  const cached = price.cachedInputPrice != null ? BigInt(Math.min(usage.cachedTokens ?? 0, usage.promptTokens)) : 0n;
  const uncached = BigInt(usage.promptTokens) - cached;
  return uncached * price.inputPrice + cached * (price.cachedInputPrice ?? 0n) + BigInt(usage.completionTokens) * price.outputPrice;
}

/** Nano-dollars with at least `minDigits` decimals and no trailing zeros beyond them ("$0.18", "$0.0000045"). */
export function formatUsdExact(nano: bigint, minDigits = 2): string {
  const full = formatUsd(nano, 9);
  const [whole, frac] = full.split(".");
  return `${whole}.${frac.replace(/0+$/, "").padEnd(minDigits, "0")}`;
}

/** A per-token price as dollars per million tokens ("$0.18"). */
export function formatPerMillion(nanoPerToken: bigint): string {
  return formatUsdExact(nanoPerToken * 1_000_000n);
}
