// One behavioural suite for every limiter backend: in-process memory, the real Redis,
// and Upstash's REST API (a fake speaking its wire format, backed by the same Redis).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import IORedis from "ioredis";
import { setTimeout as sleep } from "node:timers/promises";
import { createLimiter, limiter, type Admission, type Limiter, type LimiterOptions } from "./limiter";
import type { PlanLimits } from "./plans";
import { secondsUntil, windowEnd, windowIndex } from "./window";
import { env } from "../env";
import { TEST_REDIS_URL } from "../../tests/setup/services";
import { connectIoredis } from "./ioredis-client";
import { StoreLimiter } from "./store-limiter";
import { startFakeUpstash, type FakeUpstash } from "../../tests/fakes/upstash-server";
import { isStoreUnavailable } from "../db/unavailable";
import net from "node:net";

const prefix = `test:limits:${randomUUID()}`;
let upstash: FakeUpstash;
const opened: Limiter[] = [];

beforeAll(async () => {
  upstash = await startFakeUpstash(TEST_REDIS_URL);
});

afterAll(async () => {
  await Promise.all(opened.map((l) => l.close()));
  await upstash.close();
});

type Backend = { name: "memory" | "redis" | "upstash"; options: () => LimiterOptions };

const backends: Backend[] = [
  { name: "memory", options: () => ({}) },
  { name: "redis", options: () => ({ redisUrl: TEST_REDIS_URL, prefix }) },
  { name: "upstash", options: () => ({ upstashUrl: upstash.url, upstashToken: upstash.token, prefix }) },
];

function open(options: LimiterOptions): Limiter {
  const made = createLimiter(options);
  opened.push(made);
  return made;
}

/**
 * Fixed windows end on the minute: when fewer than `seconds` are left in this one, wait
 * for the next, so a test's requests all land in one window. Returns that window's end (ms).
 */
async function oneWindow(seconds = 10): Promise<number> {
  const left = windowEnd(Date.now()) - Date.now();
  if (left < seconds * 1000) await sleep(left + 50);
  return windowEnd(Date.now());
}

function limits(overrides: Partial<PlanLimits>): PlanLimits {
  return { rpm: 100, tpm: 100_000, concurrent: 10, maxKeys: 5, ...overrides };
}

function admitted(result: Admission): Extract<Admission, { ok: true }> {
  if (!result.ok) throw new Error(`expected admission, got ${result.code}: ${result.message}`);
  return result;
}

function refused(result: Admission): Extract<Admission, { ok: false }> {
  if (result.ok) throw new Error("expected a refusal, got an admission");
  return result;
}

/** Admit and check Retry-After against the clock read before and after the call. */
async function admitTimed(l: Limiter, keyId: string, plan: PlanLimits, reset: number) {
  const before = Date.now();
  const result = await l.admit(keyId, plan, randomUUID());
  const after = Date.now();
  return { result, maxRetry: secondsUntil(reset, before), minRetry: secondsUntil(reset, after) };
}

describe.each(backends)("$name limiter", ({ name, options }) => {
  it("reports its backend", () => {
    expect(open(options()).backend).toBe(name);
  });

  it("admits exactly the plan's requests per minute, then refuses with 429 too_many_requests", async () => {
    const l = open(options());
    const key = randomUUID();
    const plan = limits({ rpm: 5 });
    const reset = await oneWindow();
    for (let i = 1; i <= 5; i++) {
      const ok = admitted(await l.admit(key, plan, randomUUID()));
      expect(ok.window).toEqual({ limit: 5, remaining: 5 - i, reset: reset / 1000 });
      await ok.release();
    }
    const { result, maxRetry, minRetry } = await admitTimed(l, key, plan, reset);
    const no = refused(result);
    expect(no.code).toBe("too_many_requests");
    expect(no.window).toEqual({ limit: 5, remaining: 0, reset: reset / 1000 });
    expect(no.retryAfter).toBeGreaterThanOrEqual(minRetry);
    expect(no.retryAfter).toBeLessThanOrEqual(maxRetry);
    expect(no.message).toBe(`Rate limit reached: 5 requests per minute for this key. Retry after ${no.retryAfter} s or upgrade your plan.`);
  });

  it("refuses with 403 rate_limit_exceeded once the minute's tokens are spent, not before", async () => {
    const l = open(options());
    const key = randomUUID();
    const plan = limits({ tpm: 1_000 });
    const reset = await oneWindow();
    await admitted(await l.admit(key, plan, randomUUID())).release(999);
    const last = admitted(await l.admit(key, plan, randomUUID()));
    expect(last.window.remaining).toBe(98);
    await last.release(0.4); // counted as a whole token
    const { result, maxRetry, minRetry } = await admitTimed(l, key, plan, reset);
    const no = refused(result);
    expect(no.code).toBe("rate_limit_exceeded");
    // Refused, so not counted: still the two admitted requests.
    expect(no.window).toEqual({ limit: 100, remaining: 98, reset: reset / 1000 });
    expect(no.retryAfter).toBeGreaterThanOrEqual(minRetry);
    expect(no.retryAfter).toBeLessThanOrEqual(maxRetry);
    expect(no.message).toBe(`Token limit reached: 1,000 tokens per minute for this key. Retry after ${no.retryAfter} s or upgrade your plan.`);
  });

  it("counts a request's tokens once, however often it is released", async () => {
    const l = open(options());
    const key = randomUUID();
    const plan = limits({ tpm: 100 });
    await oneWindow();
    const a = admitted(await l.admit(key, plan, randomUUID()));
    await a.release(60);
    await a.release(60);
    expect(admitted(await l.admit(key, plan, randomUUID())).tokens.remaining).toBe(40);
  });

  it("holds one lease per admitted request, up to the plan's concurrency; release is idempotent", async () => {
    const l = open(options());
    const key = randomUUID();
    const plan = limits({ concurrent: 2 });
    await oneWindow();
    const a = admitted(await l.admit(key, plan, randomUUID()));
    const b = admitted(await l.admit(key, plan, randomUUID()));
    const no = refused(await l.admit(key, plan, randomUUID()));
    expect(no).toMatchObject({ code: "too_many_requests", retryAfter: 1, window: { limit: 100, remaining: 98 } });
    expect(no.message).toBe("Too many concurrent requests: 2 at a time for this key. Retry when one finishes or upgrade your plan.");
    await b.release();
    await b.release();
    const c = admitted(await l.admit(key, plan, randomUUID()));
    expect(refused(await l.admit(key, plan, randomUUID())).code).toBe("too_many_requests");
    await Promise.all([a.release(), c.release()]);
    admitted(await l.admit(key, plan, randomUUID()));
  });

  it("keeps no lease for a refused request", async () => {
    const l = open(options());
    const key = randomUUID();
    await oneWindow();
    const strict = limits({ rpm: 1, tpm: 10, concurrent: 1 });
    await admitted(await l.admit(key, strict, randomUUID())).release(10);
    expect(refused(await l.admit(key, strict, randomUUID())).code).toBe("too_many_requests");
    expect(refused(await l.admit(key, limits({ tpm: 10, concurrent: 1 }), randomUUID())).code).toBe("rate_limit_exceeded");
    // Same key under a roomier plan: the one concurrency slot must be free.
    admitted(await l.admit(key, limits({ concurrent: 1 }), randomUUID()));
  });

  it("does not count a request refused for concurrency against the minute's requests", async () => {
    const l = open(options());
    const key = randomUUID();
    await oneWindow();
    const plan = limits({ rpm: 3, concurrent: 1 });
    const first = admitted(await l.admit(key, plan, randomUUID()));
    expect(first.window.remaining).toBe(2);
    for (let i = 0; i < 5; i++) {
      const no = refused(await l.admit(key, plan, randomUUID()));
      expect(no.message).toMatch(/concurrent/);
      expect(no.window.remaining).toBe(2);
    }
    await first.release();
    expect(admitted(await l.admit(key, plan, randomUUID())).window.remaining).toBe(1);
  });

  it("lets a lease whose release never comes expire by itself after maxLeaseAgeMs", async () => {
    const l = open({ ...options(), leaseTtlMs: 300, maxLeaseAgeMs: 300 });
    const key = randomUUID();
    const plan = limits({ concurrent: 1 });
    await oneWindow();
    admitted(await l.admit(key, plan, randomUUID()));
    expect(refused(await l.admit(key, plan, randomUUID())).code).toBe("too_many_requests");
    await sleep(400);
    admitted(await l.admit(key, plan, randomUUID()));
  });

  it("keeps keys independent", async () => {
    const l = open(options());
    const [one, two] = [randomUUID(), randomUUID()];
    const plan = limits({ rpm: 1, tpm: 5, concurrent: 1 });
    await oneWindow();
    await admitted(await l.admit(one, plan, randomUUID())).release(5);
    expect(refused(await l.admit(one, plan, randomUUID())).code).toBe("too_many_requests");
    const other = admitted(await l.admit(two, plan, randomUUID()));
    expect(other.window.remaining).toBe(0);
  });
});

describe.each(backends.filter((b) => b.name !== "memory"))("two $name limiter instances", ({ options }) => {
  it("a live instance renews its requests' leases; a gone one's expire after leaseTtlMs", async () => {
    const ttl = { leaseTtlMs: 600, maxLeaseAgeMs: 60_000 };
    const [doomed, other] = [createLimiter({ ...options(), ...ttl }), open({ ...options(), ...ttl })];
    const key = randomUUID();
    const plan = limits({ concurrent: 1 });
    await oneWindow();
    admitted(await doomed.admit(key, plan, randomUUID())); // never released: its process goes
    await sleep(1_500);
    expect(refused(await other.admit(key, plan, randomUUID())).message).toMatch(/concurrent/);
    await doomed.close(); // no renewals from here on, as after a kill
    await sleep(800);
    admitted(await other.admit(key, plan, randomUUID()));
  });

  it("share request counts, token budgets and leases", async () => {
    const [l1, l2] = [open(options()), open(options())];
    const key = randomUUID();
    const plan = limits({ rpm: 4, tpm: 50, concurrent: 1 });
    await oneWindow();
    const a = admitted(await l1.admit(key, plan, randomUUID()));
    expect(refused(await l2.admit(key, plan, randomUUID())).code).toBe("too_many_requests");
    await a.release();
    const b = admitted(await l2.admit(key, plan, randomUUID()));
    expect(b.window.remaining).toBe(2);
    await b.release(50);
    const no = refused(await l1.admit(key, plan, randomUUID()));
    expect(no).toMatchObject({ code: "rate_limit_exceeded", window: { remaining: 2 } });
    expect(refused(await l2.admit(key, plan, randomUUID())).code).toBe("rate_limit_exceeded");
  });
});

describe.each(backends.filter((b) => b.name !== "memory"))("a $name limiter whose store fails a command", ({ options }) => {
  it("rejects the admission and leaves no lease behind", async () => {
    const redis = new IORedis(TEST_REDIS_URL);
    try {
      const l = open(options());
      const key = randomUUID();
      const plan = limits({ concurrent: 1 });
      await oneWindow();
      // A hash where the request counter should be: INCRBY fails with WRONGTYPE, the lease script succeeds.
      const counter = `${prefix}:rpm:${key}:${windowIndex(Date.now())}`;
      await redis.hset(counter, "x", "1");
      await expect(l.admit(key, plan, randomUUID())).rejects.toThrow(/WRONGTYPE/);
      await redis.del(counter);
      admitted(await l.admit(key, plan, randomUUID()));
    } finally {
      await redis.quit();
    }
  });
});

describe("a self-hosted Redis limiter's request ends", () => {
  it("leave with the turn's other commands while other requests are in flight here, at once when none is", async () => {
    const store = connectIoredis(TEST_REDIS_URL);
    let flushes = 0;
    const l = new StoreLimiter("redis", { ...store, written: (now) => ((flushes += now ? 1 : 0), store.written!(now)) }, prefix, { ttlMs: 30_000, maxAgeMs: 600_000 });
    opened.push(l);
    const key = randomUUID();
    const plan = limits({ concurrent: 2 });
    await oneWindow();
    const [a, b] = [admitted(await l.admit(key, plan, randomUUID())), admitted(await l.admit(key, plan, randomUUID()))];
    await a.release(10);
    expect(flushes).toBe(0); // b still in flight: a's end went with the turn's write
    await b.release(10);
    expect(flushes).toBe(1);
    // Both ends reached Redis: both leases are free again, both requests' tokens counted.
    const c = admitted(await l.admit(key, plan, randomUUID()));
    admitted(await l.admit(key, plan, randomUUID()));
    expect(c.tokens.remaining).toBe(plan.tpm - 20);
  });
});

describe("a self-hosted Redis limiter and an Upstash limiter over the same Redis", () => {
  it("count in the same keys", async () => {
    const redis = open({ redisUrl: TEST_REDIS_URL, prefix });
    const rest = open({ upstashUrl: upstash.url, upstashToken: upstash.token, prefix });
    const key = randomUUID();
    const plan = limits({ rpm: 2, concurrent: 1 });
    await oneWindow();
    const a = admitted(await redis.admit(key, plan, randomUUID()));
    expect(refused(await rest.admit(key, plan, randomUUID())).message).toMatch(/concurrent/);
    await a.release();
    await (admitted(await rest.admit(key, plan, randomUUID()))).release();
    expect(refused(await redis.admit(key, plan, randomUUID())).message).toMatch(/2 requests per minute/);
  });
});

describe("a store that accepts connections and never answers (a network partition, a hung server)", () => {
  it.each(["redis", "upstash"] as const)("%s: an admission fails within seconds as the store being unavailable (a 503), not after minutes", async (backend) => {
    const sockets: net.Socket[] = [];
    const stalled = net.createServer((socket) => sockets.push(socket.on("error", () => undefined)));
    await new Promise<void>((resolve) => stalled.listen(0, "127.0.0.1", resolve));
    const { port } = stalled.address() as net.AddressInfo;
    const l = open(backend === "redis" ? { redisUrl: `redis://127.0.0.1:${port}`, prefix } : { upstashUrl: `http://127.0.0.1:${port}`, upstashToken: "token", prefix });
    const started = Date.now();
    const outcome = await Promise.race([
      l.admit(randomUUID(), limits({}), randomUUID()).then(() => "admitted", (err: unknown) => err),
      sleep(15_000).then(() => "still waiting after 15 s"),
    ]);
    for (const socket of sockets) socket.destroy();
    stalled.close();
    expect(isStoreUnavailable(outcome), String(outcome)).toBe(true);
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 20_000);
});

describe("a Redis that refuses connections from the start (an instance started during an outage)", () => {
  it("refuses admissions at once as the store being unavailable, once it has been down for a moment", async () => {
    const l = open({ redisUrl: "redis://127.0.0.1:1", prefix }); // nothing listens there
    await sleep(400);
    const started = Date.now();
    const outcome = await l.admit(randomUUID(), limits({}), randomUUID()).then(() => "admitted", (err: unknown) => err);
    expect(isStoreUnavailable(outcome), String(outcome)).toBe(true);
    expect(Date.now() - started).toBeLessThan(100);
  });
});

describe("limiter()", () => {
  it("is one instance per process, on the configured backend", () => {
    const expected = env().REDIS_URL ? "redis" : env().UPSTASH_REDIS_REST_URL ? "upstash" : "memory";
    expect(limiter()).toBe(limiter());
    expect(limiter().backend).toBe(expected);
  });
});
