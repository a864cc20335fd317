// Per worker: point the app's config at the run's test database and the simulator
// upstream before anything reads it: the strict provider fakes (tests/fakes). ZHIPU_API_KEY stays
// unset; glm-4-flash is served by the "zhipu-fake" database channel (tests/setup/global.ts).
import { afterAll, inject } from "vitest";
import { TEST_REDIS_URL } from "./services";

Object.assign(process.env, {
  DATABASE_URL: inject("databaseUrl"),
  NODE_ENV: "test",
  SIMULATOR: "false",
  DEEPSEEK_API_KEY: "sk-test-deepseek",
  DEEPSEEK_BASE_URL: inject("fakeUrls").deepseek,
  DASHSCOPE_API_KEY: "sk-test-dashscope",
  DASHSCOPE_BASE_URL: inject("fakeUrls").dashscope,
  ZHIPU_API_KEY: "",
  UPSTREAM_TIMEOUT_MS: "1500",
  // Idle credit leases go back within 2.5 windows (lib/billing/lease-pool.ts): a short window keeps "held == 0 at rest" waits short.
  CREDIT_LEASE_IDLE_MS: "100",
  CHANNEL_SECRET: "a".repeat(64),
  CHANNEL_COOLDOWN_MS: "2000",
  CHANNEL_COOLDOWN_MAX_MS: "8000",
  REDIS_URL: TEST_REDIS_URL,
  REDIS_KEY_PREFIX: inject("redisPrefix"),
  LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
});

// Close this file's shared connections so the worker can exit.
afterAll(async () => {
  const [{ closeKeyBus }, { limiter }, { stopChannelRefresh }, { closeLoginThrottle }] = await Promise.all([
    import("../../lib/keys/invalidation"), import("../../lib/limits/limiter"), import("../../lib/channels/snapshot"), import("../../lib/auth/login-throttle"),
  ]);
  stopChannelRefresh();
  await Promise.allSettled([closeKeyBus(), limiter().close(), closeLoginThrottle()]);
});
