// PostgreSQL restarting under load (a proxy in front of the real one goes down for a few
// seconds): known keys and the model catalog are served from the last good copy, whatever
// must still fail is a 503 with Retry-After in the spec's shape, never a 500; afterwards
// everything works again and the ledger is exact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { disconnect, prisma } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { schemaErrors } from "../gateway/contract";
import { account, eventually, hello, newAccount } from "../gateway/harness";
import { startGatewayProcess, type GatewayProcess } from "../support/processes";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

let proxy: TcpProxy;
let server: GatewayProcess;
beforeAll(async () => {
  await seedCatalog();
  const target = new URL(inject("databaseUrl"));
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  server = await startGatewayProcess({ DATABASE_URL: proxy.url(inject("databaseUrl")) });
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await disconnect();
});

type Outcome = { status: number; retryAfter: string | null; body: string };

async function call(path: string, key: string, body?: Record<string, unknown>): Promise<Outcome> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: body ? "POST" : "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text() };
}

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

    await proxy.down();
    const during: Outcome[] = [];
    const until = Date.now() + 2_500;
    while (Date.now() < until) {
      during.push(...(await Promise.all([
        call("/v1/models", key),
        call("/v1/models/deepseek-chat", key),
        call("/v1/chat/completions", key, chat),
        call("/v1/chat/completions", key, { ...chat, stream: true }),
      ])));
    }
    await proxy.up();

    for (const o of during) {
      expect([200, 503], o.body).toContain(o.status);
      if (o.status === 503) {
        expect(o.retryAfter, o.body).toMatch(/^\d+$/);
        expect(schemaErrors("ErrorResponse", JSON.parse(o.body))).toEqual([]);
      }
    }
    // The catalog and the key come from their last good copy.
    expect(during.filter((o) => o.body.includes('"object":"list"')).length).toBeGreaterThan(0);

    await eventually(async () => (await call("/v1/chat/completions", key, chat)).status === 200, 15_000);
    await eventually(async () => (await prisma().hold.count({ where: { userId } })) + (await prisma().creditLease.count({ where: { userId } })) === 0, 20_000);
    const [user, sum] = await Promise.all([account(userId), prisma().ledgerEntry.aggregate({ where: { userId }, _sum: { amount: true } })]);
    expect(user.held).toBe(0n);
    expect(user.balance).toBe(sum._sum.amount);
  }, 90_000);
});
