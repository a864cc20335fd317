import { describe, expect, it } from "vitest";
import { formatPerMillion, formatUsdExact } from "./money";
import { formatCost, formatExact, formatMoney } from "./money-format";

describe("display formats", () => {
  it("shows every nano-dollar that is there, with at least two decimals", () => {
    expect(formatUsdExact(5_000_000_000n)).toBe("$5.00");
    expect(formatUsdExact(4_999_972_440n)).toBe("$4.99997244");
    expect(formatUsdExact(4_500n)).toBe("$0.0000045");
    expect(formatUsdExact(0n)).toBe("$0.00");
    expect(formatUsdExact(-120_000_000n)).toBe("-$0.12");
  });

  it("turns per-token prices into per-million prices", () => {
    expect(formatPerMillion(180n)).toBe("$0.18");
    expect(formatPerMillion(3_250n)).toBe("$3.25");
    expect(formatPerMillion(75n)).toBe("$0.075");
  });
});

describe("the on-screen formatter", () => {
  // [nano-dollars, what people read]
  const balances: [bigint, string][] = [
    [4_998_376_030n, "$5.00"], [4_994_999_999n, "$4.99"], [5_000_000_000n, "$5.00"], [1_234_567_890_000n, "$1,234.57"],
    [0n, "$0.00"], [-120_000_000n, "-$0.12"], [10_000_000n, "$0.01"],
  ];
  const belowACent: [bigint, string][] = [
    [400_000n, "$0.0004"], [1_000_000n, "$0.001"], [456_789n, "$0.00046"], [1n, "$0.000000001"],
    [-450_000n, "-$0.00045"], [9_900_000n, "$0.0099"], [9_999_999n, "$0.01"],
  ];
  const costs: [bigint, string][] = [
    [123_456_789n, "$0.123457"], [1_234_567_890n, "$1.23457"], [4_500n, "$0.0000045"], [27_560n, "$0.00002756"],
    [0n, "$0.00"], [12_500_000_000n, "$12.50"], [1_234_567_000_000n, "$1,234.57"],
  ];

  it.each(balances)("shows a balance of %s nano-dollars to the cent: %s", (nano, text) => expect(formatMoney(nano)).toBe(text));
  it.each(belowACent)("never shows %s nano-dollars as zero: %s", (nano, text) => expect(formatMoney(nano)).toBe(text));
  it.each(costs)("shows a request cost of %s nano-dollars with up to six significant digits: %s", (nano, text) => expect(formatCost(nano)).toBe(text));

  it("gives the exact nano-dollars for the hover title", () => {
    expect(formatExact(4_998_376_030n)).toBe("$4.99837603 (4998376030 nano-dollars)");
    expect(formatExact(0n)).toBe("$0.00 (0 nano-dollars)");
  });
});
