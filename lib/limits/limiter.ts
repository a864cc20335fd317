// Plan limits per API key: requests and tokens per minute, concurrent requests.
// One interface, three backends: a self-hosted Redis, Upstash over REST, or this
// process's memory (the embedded default, for a single instance).
import { env } from "../env";
import { log } from "../log";
import type { PlanLimits } from "./plans";
import { MemoryLimiter } from "./memory-limiter";
import { StoreLimiter } from "./store-limiter";
import { connectIoredis } from "./ioredis-client";
import { connectUpstash } from "./upstash-client";

/** A one-minute window's state: its limit, what is left, when it ends (Unix seconds). */
export type RateWindow = { limit: number; remaining: number; reset: number };

/** Ends an admitted request (see Admission). */
export type Release = (tokens?: number) => Promise<void>;

/** `window`: requests per minute; `tokens`: tokens per minute (what was left when the request was admitted). */
export type Admission =
  // release(tokens) ends the concurrency lease and adds the request's tokens to the key's tokens/minute; idempotent.
  // It resolves once the store will see it before anything the caller does next (the command sent, on Redis).
  | { ok: true; window: RateWindow; tokens: RateWindow; release: Release }
  | { ok: false; code: "too_many_requests" | "rate_limit_exceeded"; message: string; window: RateWindow; tokens: RateWindow; retryAfter: number /* seconds, >= 1 */ };

export interface Limiter {
  readonly backend: "redis" | "upstash" | "memory";
  /** Count one request against the key's requests/minute, refuse when the minute's token budget is spent, and take a concurrency lease. */
  admit(keyId: string, limits: PlanLimits, requestId: string): Promise<Admission>;
  /**
   * Whether admit() would very likely admit the key's next request now (as far as this process has
   * seen: room left in the minute, a concurrency slot free). A caller may start work early on it,
   * and must cancel that work when admit() refuses after all.
   */
  likelyAdmits(keyId: string, limits: PlanLimits): boolean;
  close(): Promise<void>;
}

/**
 * `leaseTtlMs`: how long a request's concurrency lease in a shared store outlives its process (renewed
 * while it lives); `maxLeaseAgeMs`: the most a lease is held at all, should its release never come.
 */
export type LimiterOptions = { redisUrl?: string; upstashUrl?: string; upstashToken?: string; prefix?: string; leaseTtlMs?: number; maxLeaseAgeMs?: number };

const DEFAULT_PREFIX = "sib:limits";
const DEFAULT_LEASE_TTL_MS = 60_000;
const DEFAULT_MAX_LEASE_AGE_MS = 10 * 60_000;

/** A limiter on Redis when `redisUrl` is given, else on Upstash when its URL is, else in memory. */
export function createLimiter(options: LimiterOptions): Limiter {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const leases = { ttlMs: options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS, maxAgeMs: options.maxLeaseAgeMs ?? DEFAULT_MAX_LEASE_AGE_MS };
  if (options.redisUrl) return new StoreLimiter("redis", connectIoredis(options.redisUrl), prefix, leases);
  if (options.upstashUrl) {
    if (!options.upstashToken) throw new Error("UPSTASH_REDIS_REST_TOKEN is required with UPSTASH_REDIS_REST_URL");
    return new StoreLimiter("upstash", connectUpstash(options.upstashUrl, options.upstashToken), prefix, leases);
  }
  return new MemoryLimiter(leases.maxAgeMs); // its leases go with the process
}

/** Where a limiter keeps its state, for the startup log (no credentials). */
function describe(options: LimiterOptions): string {
  const where = (url: string) => {
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}`;
  };
  if (options.redisUrl) return `Redis at ${where(options.redisUrl)} (shared by every instance)`;
  if (options.upstashUrl) return `Upstash REST at ${where(options.upstashUrl)} (shared by every instance)`;
  return "in-process (single instance only)";
}

const globalForLimiter = globalThis as unknown as { __sibLimiter?: Limiter };

/** The process's limiter from the configuration, created once and shared by every bundle. */
export function limiter(): Limiter {
  if (globalForLimiter.__sibLimiter) return globalForLimiter.__sibLimiter;
  const config = env();
  const options: LimiterOptions = {
    redisUrl: config.REDIS_URL,
    upstashUrl: config.UPSTASH_REDIS_REST_URL,
    upstashToken: config.UPSTASH_REDIS_REST_TOKEN,
    prefix: `${config.REDIS_KEY_PREFIX}:limits`,
    leaseTtlMs: config.CONCURRENCY_LEASE_TTL_MS,
  };
  globalForLimiter.__sibLimiter = createLimiter(options);
  log.info(`limits: ${describe(options)}`);
  return globalForLimiter.__sibLimiter;
}
