import { describe, expect, it } from "vitest";
import { bucketStarts, windowStart } from "./windows";

describe("bucketStarts", () => {
  const now = new Date("2026-11-26T06:25:00Z");

  it("gives every hour of a 24 h window, the current one last", () => {
    const hours = bucketStarts(windowStart("24h", now), now, "hour");
    expect(hours).toHaveLength(24);
    expect(hours[0]!.toISOString()).toBe("2026-11-25T07:00:00.000Z");
    expect(hours[23]!.toISOString()).toBe("2026-11-26T06:00:00.000Z");
  });

  it("gives every UTC day a 7-day window touches, today last", () => {
    const days = bucketStarts(windowStart("7d", now), now, "day");
    expect(days.map((d) => d.toISOString().slice(0, 10))).toEqual(
      ["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"],
    );
  });
});
