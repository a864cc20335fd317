// Once per test run: a fresh database with every migration applied, shared by all test files.
import type { TestProject } from "vitest/node";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createScratchDatabase } from "../../lib/db/scratch";
import { migrate } from "../../lib/db/migrate";
import { startSimulator } from "../../scripts/simulator";
import { dashscopeRules } from "../fakes/dashscope";
import { deepseekRules } from "../fakes/deepseek";
import { startProviderFake } from "../fakes/provider-fake";
import { zhipuRules } from "../fakes/zhipu";
import { startExternalMounts, type ExternalMount } from "./external-mounts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "./services";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    simulatorUrl: string;
    /** The strict provider fakes the default channels point at (each also records requests). */
    fakeUrls: { deepseek: string; dashscope: string; zhipu: string };
    redisPrefix: string;
    /** Set in the mounts phase (GATEWAY_MOUNTS=external): real server processes to test. */
    externalMounts: ExternalMount[];
  }
}

export const FAKE_KEYS = { deepseek: "sk-test-deepseek", dashscope: "sk-test-dashscope", zhipu: "0123456789abcdef.test-zhipu-secret" };
export const TEST_CHANNEL_SECRET = "a".repeat(64);

/** glm-4-flash is served by a database channel (ZHIPU_API_KEY stays unset), so a channel serves a model from the first test on. */
async function addZhipuChannel(databaseUrl: string, redisPrefix: string, baseUrl: string): Promise<void> {
  Object.assign(process.env, { DATABASE_URL: databaseUrl, CHANNEL_SECRET: TEST_CHANNEL_SECRET, REDIS_KEY_PREFIX: redisPrefix, LOG_LEVEL: "error" });
  const [{ createChannel }, { stopChannelRefresh }, { disconnect }, { closeKeyBus }] = await Promise.all([
    import("../../lib/channels/store"), import("../../lib/channels/snapshot"), import("../../lib/db"), import("../../lib/keys/invalidation"),
  ]);
  await createChannel({ name: "zhipu-fake", provider: "zhipu", baseUrl, apiKey: FAKE_KEYS.zhipu, models: [{ id: "glm-4-flash" }] });
  stopChannelRefresh();
  await Promise.all([disconnect(), closeKeyBus()]);
}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`Tests need a real PostgreSQL at ${url} (${(err as Error).message}). Start it, or set TEST_DATABASE_URL.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await assertReachable(TEST_DATABASE_URL);
  const scratch = await createScratchDatabase(TEST_DATABASE_URL, "test");
  await migrate(scratch.url, () => undefined);
  const simulator = await startSimulator(0, 2);
  const [deepseek, dashscope, zhipu] = await Promise.all([
    startProviderFake(deepseekRules, FAKE_KEYS.deepseek, 2), startProviderFake(dashscopeRules, FAKE_KEYS.dashscope, 2), startProviderFake(zhipuRules, FAKE_KEYS.zhipu, 2),
  ]);
  project.provide("fakeUrls", { deepseek: deepseek.baseUrl, dashscope: dashscope.baseUrl, zhipu: zhipu.baseUrl });
  // This run's own namespace in the shared Redis: counts of other runs (or benchmarks) can't leak in.
  const redisPrefix = `sib-test-${randomBytes(4).toString("hex")}`;
  project.provide("redisPrefix", redisPrefix);
  project.provide("databaseUrl", scratch.url);
  await addZhipuChannel(scratch.url, redisPrefix, zhipu.baseUrl);
  project.provide("simulatorUrl", simulator.baseUrl);
  const external = process.env.GATEWAY_MOUNTS === "external"
    ? await startExternalMounts({
        DATABASE_URL: scratch.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix, SIMULATOR: "false", LOG_LEVEL: "error", UPSTREAM_TIMEOUT_MS: "1500",
        DEEPSEEK_API_KEY: FAKE_KEYS.deepseek, DEEPSEEK_BASE_URL: deepseek.baseUrl,
        DASHSCOPE_API_KEY: FAKE_KEYS.dashscope, DASHSCOPE_BASE_URL: dashscope.baseUrl, ZHIPU_API_KEY: "",
        CHANNEL_SECRET: TEST_CHANNEL_SECRET, CHANNEL_COOLDOWN_MS: "2000", CHANNEL_COOLDOWN_MAX_MS: "8000",
        NEXTAUTH_SECRET: "test-secret-for-the-mounts-phase",
      })
    : null;
  project.provide("externalMounts", external?.mounts ?? []);
  return async () => {
    await external?.stop();
    await Promise.all([simulator.close(), deepseek.close(), dashscope.close(), zhipu.close()]);
    await scratch.drop();
  };
}
