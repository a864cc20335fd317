import { describe, expect, it } from "vitest";
import { formatPerMillion, formatUsdExact } from "./money";

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
