// Once per test run: a fresh database with every migration applied, shared by all test files.
import type { TestProject } from "vitest/node";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createScratchDatabase } from "../../lib/db/scratch";
import { migrate } from "../../lib/db/migrate";
import { startSimulator } from "../../scripts/simulator";
import { startExternalMounts, type ExternalMount } from "./external-mounts";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "./services";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    simulatorUrl: string;
    redisPrefix: string;
    /** Set in the mounts phase (GATEWAY_MOUNTS=external): real server processes to test. */
    externalMounts: ExternalMount[];
  }
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
  // This run's own namespace in the shared Redis: counts of other runs (or benchmarks) can't leak in.
  const redisPrefix = `sib-test-${randomBytes(4).toString("hex")}`;
  project.provide("redisPrefix", redisPrefix);
  project.provide("databaseUrl", scratch.url);
  project.provide("simulatorUrl", simulator.baseUrl);
  const external = process.env.GATEWAY_MOUNTS === "external"
    ? await startExternalMounts({
        DATABASE_URL: scratch.url, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix, SIMULATOR: "false", LOG_LEVEL: "error", UPSTREAM_TIMEOUT_MS: "1500",
        DEEPSEEK_API_KEY: "sk-test-deepseek", DEEPSEEK_BASE_URL: simulator.baseUrl,
        DASHSCOPE_API_KEY: "sk-test-dashscope", DASHSCOPE_BASE_URL: simulator.baseUrl, ZHIPU_API_KEY: "",
        NEXTAUTH_SECRET: "test-secret-for-the-mounts-phase",
      })
    : null;
  project.provide("externalMounts", external?.mounts ?? []);
  return async () => {
    await external?.stop();
    await simulator.close();
    await scratch.drop();
  };
}
