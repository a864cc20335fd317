// Slices of busy keys' limits (slices.ts), on the real Redis and on Upstash's REST API (a fake
// speaking its wire format over the same Redis): fewer scripts, the same limits — never more
// requests per minute or in flight than the plan's, across two limiters — and nothing kept once idle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import IORedis from "ioredis";
import { setTimeout as sleep } from "node:timers/promises";
import type { Admission } from "./limiter";
import type { PlanLimits } from "./plans";
import { StoreLimiter, type LimitStore } from "./store-limiter";
import { connectIoredis } from "./ioredis-client";
import { connectUpstash } from "./upstash-client";
import { windowEnd, windowIndex } from "./window";
import { TEST_REDIS_URL } from "../../tests/setup/services";
import { startFakeUpstash, type FakeUpstash } from "../../tests/fakes/upstash-server";

const prefix = `test:slices:${randomUUID()}`;
let upstash: FakeUpstash;
let redis: IORedis;
const opened: StoreLimiter[] = [];

beforeAll(async () => {
  upstash = await startFakeUpstash(TEST_REDIS_URL);
  redis = new IORedis(TEST_REDIS_URL);
});

afterAll(async () => {
  await Promise.all(opened.map((l) => l.close()));
  await upstash.close();
  await redis.quit();
});

/** A store whose scripts are counted. */
function counted(store: LimitStore): { store: LimitStore; scripts: () => number } {
  let scripts = 0;
  const count = <T extends (...args: never[]) => unknown>(fn: T) => ((...args: Parameters<T>) => (scripts++, fn(...args))) as T;
  return { store: { ...store, client: { ...store.client, evalsha: count(store.client.evalsha), eval: count(store.client.eval) } }, scripts: () => scripts };
}

const backends = [
  { name: "redis", connect: () => connectIoredis(TEST_REDIS_URL) },
  { name: "upstash", connect: () => connectUpstash(upstash.url, upstash.token) },
] as const;

function open(connect: () => LimitStore): { limiter: StoreLimiter; scripts: () => number } {
  const { store, scripts } = counted(connect());
  const limiter = new StoreLimiter("redis", store, prefix, { ttlMs: 60_000, maxAgeMs: 600_000 });
  opened.push(limiter);
  return { limiter, scripts };
}

/** Wait, when fewer than `seconds` are left in this minute, for the next: the test's requests then share one window. */
async function oneWindow(seconds: number): Promise<void> {
  const left = windowEnd(Date.now()) - Date.now();
  if (left < seconds * 1000) await sleep(left + 50);
}

const plan = (overrides: Partial<PlanLimits>): PlanLimits => ({ rpm: 10_000, tpm: 10_000_000, concurrent: 40, maxKeys: 5, ...overrides });
const ok = (a: Admission): a is Extract<Admission, { ok: true }> => a.ok;
const counters = async (key: string) => {
  const window = windowIndex(Date.now());
  const [requests, tokens, leases] = await Promise.all([
    redis.get(`${prefix}:rpm:${key}:${window}`), redis.get(`${prefix}:tpm:${key}:${window}`), redis.zcard(`${prefix}:lease:${key}`),
  ]);
  return { requests: Number(requests ?? 0), tokens: Number(tokens ?? 0), leases };
};
/** Admit and end `n` requests of the key one after another (from the second on, the key is busy: it gets a slice). */
async function busy(limiter: StoreLimiter, key: string, limits: PlanLimits, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await ((await limiter.admit(key, limits, randomUUID())) as Extract<Admission, { ok: true }>).release(1);
}
/** A new key on a new limiter, made busy with `n` requests early enough in a minute, its slice taken (the script answered). */
async function slicedKey(connect: () => LimitStore, n: number): Promise<{ limiter: StoreLimiter; key: string }> {
  await oneWindow(15);
  const { limiter } = open(connect);
  const key = randomUUID();
  await busy(limiter, key, plan({}), n);
  await sleep(20);
  return { limiter, key };
}
/** A slice nothing uses goes back within IDLE_MS + TICK_MS (0.6 s). */
const idle = () => sleep(900);

describe.each(backends)("slices on $name", ({ connect }) => {
  it("admit a busy key's requests with a few scripts, and once idle leave the store counting exactly what was used", async () => {
    await oneWindow(15);
    const { limiter, scripts } = open(connect);
    const key = randomUUID();
    const limits = plan({});
    for (let i = 0; i < 200; i++) {
      const a = await limiter.admit(key, limits, randomUUID());
      if (!ok(a)) throw new Error(`refused: ${a.message}`);
      expect(a.window.remaining).toBeLessThan(limits.rpm);
      await a.release(10);
    }
    expect(scripts()).toBeLessThan(40); // 400 without slices: an admission and an end each
    await idle();
    expect(await counters(key)).toEqual({ requests: 200, tokens: 2_000, leases: 0 });
  });

  it("never admit more in flight than the plan's concurrency, from two limiters at once", async () => {
    const [one, two] = [open(connect), open(connect)];
    const key = randomUUID();
    const limits = plan({ concurrent: 24 });
    let inFlight = 0;
    let most = 0;
    let admittedCount = 0;
    const worker = async (limiter: StoreLimiter) => {
      for (let i = 0; i < 25; i++) {
        const a = await limiter.admit(key, limits, randomUUID());
        if (!ok(a)) {
          await sleep(1);
          continue;
        }
        admittedCount++;
        most = Math.max(most, ++inFlight);
        await sleep(Math.random() * 3);
        inFlight--;
        await a.release(1);
      }
    };
    // Each limiter's slice forms while the key is quiet (a key admitted twice within a second).
    for (const { limiter } of [one, two]) await busy(limiter, key, limits, 3);
    await sleep(50);
    // The store's lease set, watched meanwhile: never over the plan, and holding slices' slots at times.
    let watching = true;
    let mostLeases = 0;
    let slicesSeen = false;
    const watch = (async () => {
      while (watching) {
        const members = await redis.zrange(`${prefix}:lease:${key}`, "0", "-1");
        mostLeases = Math.max(mostLeases, members.length);
        slicesSeen ||= members.some((m) => m.startsWith("slice:"));
        await sleep(2);
      }
    })();
    await Promise.all(Array.from({ length: 32 }, (_, i) => worker(i % 2 ? one.limiter : two.limiter)));
    watching = false;
    await watch;
    expect(mostLeases).toBeLessThanOrEqual(24);
    expect(slicesSeen).toBe(true);
    expect(most).toBeLessThanOrEqual(24);
    expect(most).toBeGreaterThan(8);
    expect(admittedCount).toBeGreaterThan(200);
    await idle();
    expect((await counters(key)).leases).toBe(0);
  });

  it("never admit more requests in a minute than the plan's, from two limiters", async () => {
    await oneWindow(20);
    const [one, two] = [open(connect), open(connect)];
    const key = randomUUID();
    const limits = plan({ rpm: 300 });
    let admittedCount = 0;
    for (let i = 0; i < 500; i++) {
      const a = await (i % 2 ? one : two).limiter.admit(key, limits, randomUUID());
      if (ok(a)) {
        admittedCount++;
        await a.release(1);
      } else expect(a.code).toBe("too_many_requests");
    }
    expect(admittedCount).toBeLessThanOrEqual(300);
    // What slices held unused when the minute ran out: at most a quarter of what was left each time.
    expect(admittedCount).toBeGreaterThan(300 - 2 * 32);
  });

  it("count the tokens of a slice's requests before an exact admission reads them: refused right at the minute's budget", async () => {
    await oneWindow(15);
    const { limiter } = open(connect);
    const key = randomUUID();
    const limits = plan({ tpm: 1_000 });
    const results: string[] = [];
    for (let i = 0; i < 15; i++) {
      const a = await limiter.admit(key, limits, randomUUID());
      results.push(a.ok ? "ok" : a.code);
      if (ok(a)) await a.release(100);
    }
    expect(results).toEqual([...Array(10).fill("ok"), ...Array(5).fill("rate_limit_exceeded")]);
  });

  it("give a slice back as soon as the key's plan changes: the new plan's first request is not refused for what the old slice held", async () => {
    const { limiter, key } = await slicedKey(connect, 5);
    expect((await counters(key)).leases).toBeGreaterThan(0); // the slice's slots
    const held = await limiter.admit(key, plan({}), randomUUID()); // from the slice, in flight across the change
    expect(held.ok).toBe(true);
    const free = { rpm: 10, tpm: 10_000, concurrent: 2, maxKeys: 5 };
    const first = await limiter.admit(key, free, randomUUID());
    expect(first.ok ? "ok" : first.message).toBe("ok");
    await (first as Extract<Admission, { ok: true }>).release(1);
    await (held as Extract<Admission, { ok: true }>).release(1); // its slot goes back as it ends
    expect(await redis.zrange(`${prefix}:lease:${key}`, "0", "-1")).toEqual([]);
  });

  it("give back nothing into a minute's counter the store lost (a restart): it is never driven below what others counted since", async () => {
    const { limiter, key } = await slicedKey(connect, 3);
    const requests = `${prefix}:rpm:${key}:${windowIndex(Date.now())}`;
    expect(Number(await redis.get(requests))).toBeGreaterThan(10); // requests counted ahead by the slice
    // Redis restarts from an older snapshot (or none): the slice's requests are gone; two other admissions count since.
    await redis.del(requests);
    await redis.incrby(requests, 2);
    await idle(); // the idle slice gives its unused requests back
    expect(await counters(key)).toMatchObject({ requests: 2 });
  });

  it("leave a key whose plan has no room for a slice on the exact path", async () => {
    const { limiter, scripts } = open(connect);
    const key = randomUUID();
    const pro = { rpm: 100, tpm: 100_000, concurrent: 5, maxKeys: 50 };
    for (let i = 0; i < 20; i++) {
      const a = await limiter.admit(key, pro, randomUUID());
      if (!ok(a)) throw new Error(a.message);
      await a.release(1);
    }
    expect(scripts()).toBe(40);
  });
});
