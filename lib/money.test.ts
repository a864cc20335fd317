import { describe, expect, it } from "vitest";
import { formatUsd, parseUsd, perMillionToPerToken, tokenCost } from "./money";

describe("money", () => {
  it("parses dollar strings exactly into nano-dollars", () => {
    expect(parseUsd("5")).toBe(5_000_000_000n);
    expect(parseUsd("$0.18")).toBe(180_000_000n);
    expect(parseUsd("-2.5")).toBe(-2_500_000_000n);
    expect(parseUsd("0.000000001")).toBe(1n);
    expect(() => parseUsd("1e3")).toThrow(/not a dollar amount/);
    expect(() => parseUsd("0.0000000001")).toThrow();
  });

  it("turns the spec's per-million prices into per-token prices", () => {
    expect(perMillionToPerToken("0.18")).toBe(180n);
    expect(perMillionToPerToken("3.25")).toBe(3250n);
  });

  it("formats with rounding, sign and chosen precision", () => {
    expect(formatUsd(5_000_000_000n)).toBe("$5.00");
    expect(formatUsd(4_994_999_999n)).toBe("$4.99");
    expect(formatUsd(4_995_000_000n)).toBe("$5.00");
    expect(formatUsd(-1_234_567n, 6)).toBe("-$0.001235");
  });

  it("prices usage, with cached prompt tokens at the cached price only when the model has one", () => {
    const price = { inputPrice: 180n, outputPrice: 360n };
    expect(tokenCost({ promptTokens: 25, completionTokens: 150 }, price)).toBe(25n * 180n + 150n * 360n);
    expect(tokenCost({ promptTokens: 25, completionTokens: 0, cachedTokens: 10 }, price)).toBe(25n * 180n);
    expect(tokenCost({ promptTokens: 25, completionTokens: 0, cachedTokens: 10 }, { ...price, cachedInputPrice: 18n })).toBe(15n * 180n + 10n * 18n);
  });
});
