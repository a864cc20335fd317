// A channel's health: a cool-down after repeated failures, doubling on each failed probe up
// to the maximum, and back in service on a success. (Tests: CHANNEL_COOLDOWN_MS 2000, max 8000.)
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { healthOf, inService, recordFailure, recordSuccess } from "./health";

describe("channel health", () => {
  it("cools down after three failures in a row, doubles the wait per failed probe up to the maximum, recovers on success", () => {
    const name = `h-${randomUUID()}`;
    const t = 1_000_000;
    expect(recordFailure(name, "500", t)).toBe(false);
    expect(recordFailure(name, "500", t)).toBe(false);
    expect(inService(name, t)).toBe(true);
    expect(recordFailure(name, "timed out", t)).toBe(true);
    expect(inService(name, t + 1_999)).toBe(false);
    expect(inService(name, t + 2_000)).toBe(true);
    expect(healthOf(name, t)).toMatchObject({ tries: 3, successRate: 0, consecutiveFailures: 3, lastError: "timed out", cooledUntil: new Date(t + 2_000).toISOString() });

    const waits = [1, 2, 3].map((i) => {
      const at = t + 10_000 * i;
      recordFailure(name, "probe failed", at);
      return Date.parse(healthOf(name, at).cooledUntil!) - at;
    });
    expect(waits).toEqual([4_000, 8_000, 8_000]);

    recordSuccess(name, 120);
    expect(inService(name, t + 40_001)).toBe(true);
    expect(healthOf(name, t + 40_001)).toMatchObject({ consecutiveFailures: 0, cooledUntil: null, latencyMs: 120, tries: 7 });
    expect(healthOf(name).successRate).toBeCloseTo(1 / 7);
  });
});
