import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import {
  accountDelayMs, clearLoginFailures, closeLoginThrottle, LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, loginWait, recordLoginFailure,
} from "./login-throttle";
import { memoryThrottleStore, redisThrottleStore, sharedThrottleStore, type ThrottleStore } from "./login-throttle-store";
import { connectIoredis } from "../limits/ioredis-client";
import { TEST_REDIS_URL } from "../../tests/setup/services";

const email = () => `${randomUUID()}@example.com`;
const redis = connectIoredis(TEST_REDIS_URL);
const second = connectIoredis(TEST_REDIS_URL);
afterAll(async () => {
  await closeLoginThrottle();
  await Promise.all([redis.close(), second.close()]);
});

describe.each([
  ["memory", () => memoryThrottleStore()],
  ["redis", () => redisThrottleStore(redis.client, `sib-test-${randomUUID()}`)],
] as [string, () => ThrottleStore][])("login throttle on %s", (_name, makeStore) => {
  const store = makeStore();

  it("blocks an e-mail and address after the allowed failures, until the window ends", async () => {
    const who = email();
    const now = Date.now();
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) await recordLoginFailure(who, "192.0.2.1", now, store);
    expect(await loginWait(who, "192.0.2.1", now, store)).toBe(0);
    await recordLoginFailure(who.toUpperCase(), "192.0.2.1", now, store);
    expect(await loginWait(who, "192.0.2.1", now + 1000, store)).toBe(LOGIN_WINDOW_MS - 1000);
    expect(await loginWait(who, "192.0.2.1", now + LOGIN_WINDOW_MS, store)).toBe(0);
  });

  it("counts per account regardless of address: a new address waits a growing delay, not a lock", async () => {
    const who = email();
    const now = Date.now();
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await recordLoginFailure(who, `192.0.2.${i + 10}`, now, store);
    const first = await loginWait(who, "198.51.100.9", now, store);
    expect(first).toBe(accountDelayMs(LOGIN_MAX_FAILURES));
    expect(await loginWait(who, "198.51.100.9", now + first, store)).toBe(0);
    await recordLoginFailure(who, "198.51.100.9", now + first, store);
    expect(await loginWait(who, "198.51.100.10", now + first, store)).toBe(accountDelayMs(LOGIN_MAX_FAILURES + 1));
    expect(accountDelayMs(LOGIN_MAX_FAILURES + 1)).toBeGreaterThan(accountDelayMs(LOGIN_MAX_FAILURES));
    expect(accountDelayMs(LOGIN_MAX_FAILURES + 40)).toBe(LOGIN_WINDOW_MS);
  });

  it("forgets failures after a successful sign-in", async () => {
    const who = email();
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await recordLoginFailure(who, "192.0.2.1", Date.now(), store);
    expect(await loginWait(who, "192.0.2.1", Date.now(), store)).toBeGreaterThan(0);
    await clearLoginFailures(who, "192.0.2.1", store);
    expect(await loginWait(who, "192.0.2.1", Date.now(), store)).toBe(0);
    expect(await loginWait(who, "192.0.2.2", Date.now(), store)).toBe(0);
  });
});

describe("login throttle across instances", () => {
  it("two stores on one Redis share the counts", async () => {
    const prefix = `sib-test-${randomUUID()}`;
    const a = redisThrottleStore(redis.client, prefix);
    const b = redisThrottleStore(second.client, prefix);
    const who = email();
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await recordLoginFailure(who, "192.0.2.1", Date.now(), i % 2 ? a : b);
    expect(await loginWait(who, "192.0.2.1", Date.now(), a)).toBeGreaterThan(0);
    expect(await loginWait(who, "192.0.2.1", Date.now(), b)).toBeGreaterThan(0);
  });
});


describe("login throttle while Redis cannot be reached", () => {
  it("keeps counting, in this process, instead of failing every sign-in", async () => {
    const unreachable = connectIoredis("redis://127.0.0.1:1"); // nothing listens there
    try {
      await new Promise((resolve) => setTimeout(resolve, 400)); // refused, and known to be down
      const store = sharedThrottleStore(unreachable.client, `sib-test-${randomUUID()}`);
      const who = email();
      const now = Date.now();
      expect(await loginWait(who, "192.0.2.7", now, store)).toBe(0);
      for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await recordLoginFailure(who, "192.0.2.7", now, store);
      expect(await loginWait(who, "192.0.2.7", now + 1000, store)).toBe(LOGIN_WINDOW_MS - 1000);
      await clearLoginFailures(who, "192.0.2.7", store);
      expect(await loginWait(who, "192.0.2.7", now + 1000, store)).toBe(0);
    } finally {
      await unreachable.close();
    }
  });
});
