// Redis restarting under load (a proxy in front of the real one goes down for a few seconds), or
// hanging (the proxy keeps the connections and forwards nothing), while a busy key is admitted from
// this process's slice of its limits: what the slice covers is served, what cannot be limited is a
// 503 with Retry-After in the spec's shape, said at once — never a 500 or a wait for the store's
// timeout on every request; afterwards every request is admitted again and the ledger is exact.
import { describe, expect, it } from "vitest";
import { eventually, hello, newAccount } from "../gateway/harness";
import { TEST_REDIS_URL } from "../setup/services";
import { call as callOn, callsFor, expectExactAtRest, expectServedOrUnavailable, useGatewayBehindProxy, type Outcome } from "../support/outage";

const { proxy, server } = useGatewayBehindProxy("REDIS_URL", TEST_REDIS_URL);

const call = (path: string, key: string, body?: Record<string, unknown>) => callOn(server(), path, key, body);
const chat = { model: "deepseek-chat", messages: hello, max_tokens: 3 };

describe("Redis restarting or hanging", () => {
  it("gives no 500 and no wait: what cannot be limited is 503 with Retry-After at once; afterwards all is admitted and billed exactly", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100, customRpm: 100_000 });
    // Busy: the key gets a slice of its limits (two admissions within a second, a plan with room).
    for (let i = 0; i < 10; i++) expect((await call("/v1/chat/completions", key, chat)).status).toBe(200);

    await proxy().down();
    const during = await callsFor(2_500, () => [
      call("/v1/models", key),
      call("/v1/chat/completions", key, chat),
      call("/v1/chat/completions", key, { ...chat, stream: true }),
    ]);
    await proxy().up();
    // Said at once, not after the store's command timeout (seen: 5 s per request while Redis was down).
    expectServedOrUnavailable(during, 2_000);

    await eventually(async () => (await call("/v1/chat/completions", key, chat)).status === 200, 15_000);
    const after = await Promise.all(Array.from({ length: 5 }, () => call("/v1/chat/completions", key, chat)));
    expect(after.map((o) => o.status)).toEqual([200, 200, 200, 200, 200]);
    await expectExactAtRest(userId);
  }, 90_000);

  it("a Redis that stops answering costs one request the command timeout; the next are 503 at once, and all is admitted soon after it answers again", async () => {
    // Not sliced (a plan under 8 concurrent): every admission is a script on Redis.
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 4, customRpm: 100_000 });
    expect((await call("/v1/chat/completions", key, chat)).status).toBe(200);

    proxy().stall();
    const first = await call("/v1/chat/completions", key, chat);
    expectServedOrUnavailable([first], 8_000);
    const next: Outcome[] = [];
    for (let i = 0; i < 5; i++) next.push(await call("/v1/chat/completions", key, chat));
    proxy().unstall();
    expect([first, ...next].map((o) => o.status)).toEqual([503, 503, 503, 503, 503, 503]);
    // Seen: 5 s each, every request waiting out the timeout again.
    expectServedOrUnavailable(next, 500);

    const answeredAt = Date.now();
    await eventually(async () => (await call("/v1/chat/completions", key, chat)).status === 200, 15_000);
    expect(Date.now() - answeredAt).toBeLessThan(3_000);
    await expectExactAtRest(userId);
  }, 90_000);

  it("half-open after a failover: the dead connection is replaced, so requests and readiness are back within seconds, not when TCP gives up", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 4, customRpm: 100_000 });
    expect((await call("/v1/chat/completions", key, chat)).status).toBe(200);
    expect((await fetch(`${server().baseUrl}/readyz`)).status).toBe(200);

    proxy().stall("open"); // what is open hangs; a new connection reaches Redis
    const stalledAt = Date.now();
    expectServedOrUnavailable([await call("/v1/chat/completions", key, chat)], 8_000);
    // Seen: every probe waited on the same dead connection, 503 on and on.
    await eventually(async () => (await call("/v1/chat/completions", key, chat)).status === 200, 20_000);
    await eventually(async () => (await fetch(`${server().baseUrl}/readyz`)).status === 200, 20_000);
    expect(Date.now() - stalledAt).toBeLessThan(20_000);
    // Nothing the dead connection owed was sent again on the new one: a refused request's admission
    // would hold one of the key's 4 concurrency slots for 10 minutes.
    const side = await Promise.all(Array.from({ length: 4 }, () => call("/v1/chat/completions", key, chat)));
    expect(side.map((o) => o.status)).toEqual([200, 200, 200, 200]);
    proxy().unstall();
    await expectExactAtRest(userId);
  }, 90_000);
});
