// GET /readyz: whether this process can serve — the database answers with every migration
// applied, Redis answers (when configured), and at least one upstream is configured. Cheap
// enough for a load balancer every second: one small query and one PING, shared by callers
// within a second. Reasons are short and generic (the endpoint is public); details go to the log.
import { readdirSync } from "node:fs";
import path from "node:path";
import IORedis from "ioredis";
import { boundedQuery } from "../db";
import { env } from "../env";
import { replaceConnection } from "../limits/redis-guard";
import { log } from "../log";
import { channelStates } from "./channels";
import { withTimeout } from "./timeout";

export type Readiness = { ready: boolean; checks: Record<string, string> };

const CHECK_TIMEOUT_MS = 1_000;
const REUSE_MS = 1_000;

type State = { redis?: IORedis; expected?: number; last?: { at: number; result: Promise<Readiness> }; failing: Set<string> };
const globalForHealth = globalThis as unknown as { __sibHealth?: State };
const state = (globalForHealth.__sibHealth ??= { failing: new Set() });

/** How many migrations this build ships (read once). */
function expectedMigrations(): number {
  state.expected ??= readdirSync(path.join(process.cwd(), "prisma/migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
  return state.expected;
}

async function checkDatabase(): Promise<string> {
  const sql = "SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";
  const { rows } = await boundedQuery<{ n: number }>(sql, [], CHECK_TIMEOUT_MS);
  const expected = expectedMigrations();
  return rows[0].n >= expected ? "ok" : `migrations pending (${rows[0].n} of ${expected} applied)`;
}

/** A connection of its own that fails fast instead of queueing commands while Redis is away. */
function redisClient(url: string): IORedis {
  if (!state.redis) {
    // Reconnect at most half a second apart, so readiness returns soon after Redis does.
    state.redis = new IORedis(url, {
      enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: CHECK_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 100, 500),
    });
    state.redis.on("error", () => undefined); // reported through the check and its log line
  }
  return state.redis;
}

/** Resolve once the connection is ready (it reconnects by itself after Redis returns). */
function connected(redis: IORedis, ms: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      reject(new Error(`not connected within ${ms} ms (${redis.status})`));
    }, ms);
    redis.once("ready", onReady);
  });
}

async function checkRedis(): Promise<string> {
  const url = env().REDIS_URL;
  if (!url) return env().UPSTASH_REDIS_REST_URL ? "upstash (not checked)" : "not used";
  const redis = redisClient(url);
  await connected(redis, CHECK_TIMEOUT_MS);
  try {
    await withTimeout(redis.ping(), CHECK_TIMEOUT_MS);
  } catch (err) {
    // Connected but not answering: a hung server, or a connection a failover left half-open.
    if (redis.status === "ready") replaceConnection(redis);
    throw err;
  }
  return "ok";
}

async function checkUpstreams(): Promise<string> {
  return (await channelStates()).some((c) => c.up) ? "ok" : "no upstream in service";
}

/** Run one check; a failure becomes a generic reason, logged once when it starts failing. */
async function run(name: string, check: () => Promise<string>): Promise<[string, string]> {
  try {
    const result = await check();
    if (state.failing.delete(name)) log.info(`readiness: ${name} ok again`);
    return [name, result];
  } catch (err) {
    if (!state.failing.has(name)) log.warn(`readiness: ${name} failed: ${(err as Error).message}`);
    state.failing.add(name);
    return [name, "unreachable"];
  }
}

async function evaluate(): Promise<Readiness> {
  const results = await Promise.all([run("database", checkDatabase), run("redis", checkRedis), run("upstreams", checkUpstreams)]);
  const checks = Object.fromEntries(results);
  const ready = results.every(([, value]) => value === "ok" || value === "not used" || value === "upstash (not checked)");
  return { ready, checks };
}

/** This process's readiness, evaluated at most once a second. */
export function readiness(): Promise<Readiness> {
  const now = Date.now();
  if (!state.last || now - state.last.at >= REUSE_MS) state.last = { at: now, result: evaluate() };
  return state.last.result;
}

/** Close the readiness Redis connection (shutdown, tests). */
export async function closeReadiness(): Promise<void> {
  const redis = state.redis;
  state.redis = undefined;
  state.last = undefined;
  await redis?.quit().catch(() => redis.disconnect());
}
