import { describe, expect, it } from "vitest";
import { goDuration, rateLimitHeaders } from "./rate-headers";

describe("rate-limit headers", () => {
  it("writes resets as Go durations, as OpenAI does", () => {
    expect([goDuration(0), goDuration(20), goDuration(999), goDuration(1000), goDuration(17_200), goDuration(59_999), goDuration(60_000), goDuration(372_000)])
      .toEqual(["0ms", "20ms", "999ms", "1s", "17.2s", "59.999s", "1m0s", "6m12s"]);
    expect(goDuration(-5)).toBe("0ms");
  });

  it("sends the spec's three headers and OpenAI's six, from the requests and tokens windows", () => {
    const now = 1_700_000_042_500;
    expect(rateLimitHeaders({ limit: 100, remaining: 95, reset: 1_700_000_060 }, { limit: 100_000, remaining: -3, reset: 1_700_000_060 }, now)).toEqual({
      "x-ratelimit-limit": "100", "x-ratelimit-remaining": "95", "x-ratelimit-reset": "1700000060",
      "x-ratelimit-limit-requests": "100", "x-ratelimit-remaining-requests": "95", "x-ratelimit-reset-requests": "17.5s",
      "x-ratelimit-limit-tokens": "100000", "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "17.5s",
    });
  });
});
