// PostgreSQL restarting under load (a proxy in front of the real one goes down for a few
// seconds): known keys and the model catalog are served from the last good copy, whatever
// must still fail is a 503 with Retry-After in the spec's shape, never a 500; afterwards
// everything works again and the ledger is exact.
import { describe, expect, inject, it } from "vitest";
import { eventually, hello, newAccount } from "../gateway/harness";
import { call as callOn, callsFor, expectBilled, expectExactAtRest, expectServedOrUnavailable, servedSince, useGatewayBehindProxy } from "../support/outage";

const { proxy, server } = useGatewayBehindProxy("DATABASE_URL", inject("databaseUrl"));

const call = (path: string, key: string, body?: Record<string, unknown>) => callOn(server(), path, key, body);

describe("a PostgreSQL restart", () => {
  it("gives no 500: the last known keys and catalog serve, the rest is 503 with Retry-After", async () => {
    // Requests per minute out of the way: the loop below sends as fast as answers come back, which
    // can pass Enterprise's default 1,000 a minute (seen: a 429 during the outage).
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100, customRpm: 100_000 });
    const chat = { model: "deepseek-chat", messages: hello, max_tokens: 3 };
    expect((await call("/v1/models", key)).status).toBe(200);
    expect((await call("/v1/chat/completions", key, chat)).status).toBe(200);
    // Let the 5 s caches of keys and catalog expire, so the outage meets a reload.
    await new Promise((resolve) => setTimeout(resolve, 5_300));

    await proxy().down();
    const during = await callsFor(2_500, () => [
      call("/v1/models", key),
      call("/v1/models/deepseek-chat", key),
      call("/v1/chat/completions", key, chat),
      call("/v1/chat/completions", key, { ...chat, stream: true }),
    ]);
    await proxy().up();

    expectServedOrUnavailable(during);
    // The catalog and the key come from their last good copy.
    expect(during.filter((o) => o.body.includes('"object":"list"')).length).toBeGreaterThan(0);

    await eventually(async () => (await call("/v1/chat/completions", key, chat)).status === 200, 15_000);
    await expectExactAtRest(userId);
  }, 90_000);

  it("down for longer than a settlement's first retries (a managed failover takes 30-120 s): what leases served is billed when it is back", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100, customRpm: 100_000 });
    const chat = { model: "deepseek-chat", messages: hello, max_tokens: 3 };
    // The account busy for a while (four at a time) when the database goes: its lease keeps room for its peak of
    // holds in flight and a few windows of its charges, so the next requests need no database.
    const running = callsFor(3_500, () => Array.from({ length: 4 }, () => call("/v1/chat/completions", key, chat)));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await proxy().down();
    const downAt = Date.now();
    const during = await running;
    expect(servedSince(during, downAt)).toBeGreaterThan(0); // covered by the lease, without the database
    // Seen: settlements gave up 21 s after the request, and what the lease had served was never billed.
    await new Promise((resolve) => setTimeout(resolve, 25_000 - (Date.now() - downAt)));
    await proxy().up();

    await expectBilled(userId, during);
  }, 120_000);
});
