// Channel health as every live instance reports it, on the real Redis: each live instance's view,
// a gone instance's left out, and read without walking Redis's keyspace (KEYS holds up every other
// command — the limits' scripts — while it scans).
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import IORedis from "ioredis";
import { env } from "../env";
import { TEST_REDIS_URL } from "../../tests/setup/services";
import { recordSuccess } from "./health";
import { postHealthReport, reportedHealth } from "./health-report";
import { closeKeyBus } from "../keys/invalidation";

const redis = new IORedis(TEST_REDIS_URL);
afterAll(async () => {
  await redis.quit();
  await closeKeyBus();
});

/** How many KEYS commands the Redis server has run since it started. */
async function keysCommands(): Promise<number> {
  return Number(/cmdstat_keys:calls=(\d+)/.exec(await redis.info("commandstats"))?.[1] ?? 0);
}

describe("channel health reports", () => {
  it("show each live instance's view, leave a gone one's out, and are read without a KEYS scan", async () => {
    const channel = `health-report-${randomUUID()}`;
    recordSuccess(channel, 12);
    const now = Date.now();
    await postHealthReport("live-instance", now);
    await postHealthReport("gone-instance", now - 31_000);
    const before = await keysCommands();
    const reported = await reportedHealth(now);
    expect(await keysCommands()).toBe(before);
    expect(reported.get(channel)?.map((r) => [r.instance, r.health.latencyMs])).toEqual([["live-instance", 12]]);
    // The gone instance's view is removed once read.
    await expect.poll(() => redis.hexists(`${env().REDIS_KEY_PREFIX}:channel-health`, "gone-instance")).toBe(0);
  });
});
