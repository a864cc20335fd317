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
  it("shows balances and spend to the cent", () => {
    expect(formatMoney(4_998_376_030n)).toBe("$5.00");
    expect(formatMoney(4_994_999_999n)).toBe("$4.99");
    expect(formatMoney(5_000_000_000n)).toBe("$5.00");
    expect(formatMoney(1_234_567_890_000n)).toBe("$1,234.57");
    expect(formatMoney(0n)).toBe("$0.00");
    expect(formatMoney(-120_000_000n)).toBe("-$0.12");
    expect(formatMoney(10_000_000n)).toBe("$0.01");
  });

  it("never shows an amount below a cent as zero", () => {
    expect(formatMoney(400_000n)).toBe("$0.0004");
    expect(formatMoney(1_000_000n)).toBe("$0.001");
    expect(formatMoney(456_789n)).toBe("$0.00046");
    expect(formatMoney(1n)).toBe("$0.000000001");
    expect(formatMoney(-450_000n)).toBe("-$0.00045");
    expect(formatMoney(9_900_000n)).toBe("$0.0099");
    expect(formatMoney(9_999_999n)).toBe("$0.01");
  });

  it("shows per-request costs with up to six significant digits", () => {
    expect(formatCost(123_456_789n)).toBe("$0.123457");
    expect(formatCost(1_234_567_890n)).toBe("$1.23457");
    expect(formatCost(4_500n)).toBe("$0.0000045");
    expect(formatCost(27_560n)).toBe("$0.00002756");
    expect(formatCost(0n)).toBe("$0.00");
    expect(formatCost(12_500_000_000n)).toBe("$12.50");
    expect(formatCost(1_234_567_000_000n)).toBe("$1,234.57");
  });

  it("gives the exact nano-dollars for the hover title", () => {
    expect(formatExact(4_998_376_030n)).toBe("$4.99837603 (4998376030 nano-dollars)");
    expect(formatExact(0n)).toBe("$0.00 (0 nano-dollars)");
  });
});
