import { describe, expect, it } from "vitest";
import { roundTicks } from "./ticks";

describe("chart ticks", () => {
  it("are round multiples that cover the largest value", () => {
    expect(roundTicks(1400)).toEqual([0, 500, 1000, 1500]);
    expect(roundTicks(0.00045)).toEqual([0, 0.0002, 0.0004, 0.0006]);
    expect(roundTicks(100)).toEqual([0, 50, 100]);
    expect(roundTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(roundTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it("give an empty chart a plain axis", () => {
    expect(roundTicks(0)).toEqual([0, 1]);
  });
});
