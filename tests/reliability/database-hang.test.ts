// PostgreSQL that stops answering (the proxy keeps the connections and forwards nothing): a hung
// server, or a failover that leaves the open connections half-open while new ones reach the new
// server. Requests a credit lease covers are served; a request that needs the database is a 503
// with Retry-After after at most the query timeout, never a wait for TCP to give up (~15 min);
// afterwards every request is served again and each one served is billed exactly once.
import { describe, expect, inject, it } from "vitest";
import { prisma } from "../../lib/db";
import { eventually, hello, newAccount } from "../gateway/harness";
import { call as callOn, callsFor, expectBilled, expectServedOrUnavailable, useGatewayBehindProxy } from "../support/outage";

// A small pool, so a connection left hanging shows; /metrics for the pool's gauges.
const { proxy, server } = useGatewayBehindProxy("DATABASE_URL", inject("databaseUrl"), { DATABASE_POOL_MAX: "4", METRICS_ENABLED: "true" });

const call = (key: string) => callOn(server(), "/v1/chat/completions", key, { model: "deepseek-chat", messages: hello, max_tokens: 3 });
const busyAccount = () => newAccount({ plan: "ENTERPRISE", customConcurrent: 100, customRpm: 100_000 });

describe("PostgreSQL that stops answering", () => {
  it("hung: a request that needs the database is 503 within the timeout, and all is served and billed after", async () => {
    const busy = await busyAccount();
    const fresh = await busyAccount(); // its key was never looked up: that needs the database
    // The account busy when the database stops answering, one request at a time: each is served from its
    // lease, or waits out one lease growth.
    const running = callsFor(4_500, () => [call(busy.key)]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    proxy().stall();
    const first = await call(fresh.key);
    const during = await running;
    proxy().unstall();

    expectServedOrUnavailable([first], 8_000);
    expect(first.status).toBe(503);
    expectServedOrUnavailable(during, 8_000);

    const answeredAt = Date.now();
    await eventually(async () => (await call(fresh.key)).status === 200, 15_000);
    expect(Date.now() - answeredAt).toBeLessThan(3_000);
    await expectBilled(busy.userId, during);
  }, 90_000);

  it("hung: requests side by side waiting on one lease statement fail with it, not each after the other's", async () => {
    const idle = await busyAccount();
    await call(idle.key); // its key is known here; its lease goes back to the account when idle
    await eventually(async () => (await prisma().creditLease.count({ where: { userId: idle.userId } })) === 0, 10_000);

    proxy().stall();
    // One opens a lease and waits out the query timeout; the other three wait on that statement.
    // Seen: each waiter then sent a statement of its own in turn, the fourth answered after 20 s.
    const answers = await Promise.all(Array.from({ length: 4 }, () => call(idle.key)));
    proxy().unstall();

    expectServedOrUnavailable(answers, 8_000);
    expect(answers.map((a) => a.status)).toEqual([503, 503, 503, 503]);
    await eventually(async () => (await call(idle.key)).status === 200, 15_000);
  }, 90_000);

  it("half-open after a failover: the dead connections are dropped and new ones serve within the timeout", async () => {
    const busy = await busyAccount();
    const fresh = await busyAccount();
    const before = await callsFor(300, () => [call(busy.key)]);

    proxy().stall("open");
    // A settlement batch and a key lookup each meet a dead connection first.
    const [during, first] = await Promise.all([callsFor(2_000, () => [call(busy.key)]), call(fresh.key)]);
    expectServedOrUnavailable([...during, first], 8_000);
    await eventually(async () => (await call(fresh.key)).status === 200, 15_000);
    // Billed while the old connections still hang: nothing waits for them.
    await expectBilled(busy.userId, [...before, ...during]);
    proxy().unstall();
  }, 90_000);

  it("half-open: a load balancer polling /readyz leaves no connection hanging, and readiness returns at once", async () => {
    // Connections opened side by side (new keys' first requests), then idle when the failover comes.
    const accounts = await Promise.all(Array.from({ length: 4 }, busyAccount));
    await Promise.all(accounts.map((a) => call(a.key)));

    proxy().stall("open");
    const polls: number[] = [];
    for (let i = 0; i < 4; i++) {
      polls.push((await fetch(`${server().baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) })).status);
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // readiness is evaluated at most once a second
    }
    // Seen: each poll took the next dead connection and left it checked out (for ~15 min, until TCP gives up).
    // A statement of the server's own may be in flight at a scrape, or still meeting a dead connection: it
    // times out within 5 s and goes, so none stays checked out past that.
    const checkedOut = async () => {
      const metrics = await (await fetch(`${server().baseUrl}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
      const gauge = (state: string) => Number(new RegExp(`^sib_db_pool_clients\\{pool="main",state="${state}"\\} (\\d+)`, "m").exec(metrics)?.[1]);
      return gauge("total") - gauge("idle");
    };
    await eventually(async () => (await checkedOut()) === 0, 8_000);
    proxy().unstall();
    expect(polls.slice(1)).toEqual([200, 200, 200]);
  }, 90_000);
});
