// Redis restarting under load (a proxy in front of the real one goes down for a few seconds), or
// hanging (the proxy keeps the connections and forwards nothing),
// while a busy key is admitted from this process's slice of its limits: what the slice covers
// is served, what cannot be limited is a 503 with Retry-After in the spec's shape, said at once —
// never a 500 or a wait for the store's timeout; afterwards every request is admitted again
// and the ledger is exact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnect, prisma } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { schemaErrors } from "../gateway/contract";
import { account, eventually, hello, newAccount } from "../gateway/harness";
import { TEST_REDIS_URL } from "../setup/services";
import { startGatewayProcess, type GatewayProcess } from "../support/processes";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

let proxy: TcpProxy;
let server: GatewayProcess;
beforeAll(async () => {
  await seedCatalog();
  const target = new URL(TEST_REDIS_URL);
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
  server = await startGatewayProcess({ REDIS_URL: proxy.url(TEST_REDIS_URL) });
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await disconnect();
});

type Outcome = { status: number; retryAfter: string | null; body: string; ms: number };

async function call(path: string, key: string, body?: Record<string, unknown>): Promise<Outcome> {
  const started = Date.now();
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: body ? "POST" : "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text(), ms: Date.now() - started };
}

describe("Redis restarting or hanging", () => {
  it("gives no 500 and no hang: what cannot be limited is 503 with Retry-After; afterwards all is admitted and billed exactly", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100, customRpm: 100_000 });
    const chat = { model: "deepseek-chat", messages: hello, max_tokens: 3 };
    // Busy: the key gets a slice of its limits (two admissions within a second, a plan with room).
    for (let i = 0; i < 10; i++) expect((await call("/v1/chat/completions", key, chat)).status).toBe(200);

    await proxy.down();
    const during: Outcome[] = [];
    const until = Date.now() + 2_500;
    while (Date.now() < until) {
      during.push(...(await Promise.all([
        call("/v1/models", key),
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
        // Said at once, not after the store's command timeout (seen: 5 s per request while Redis was down).
        expect(o.ms, o.body).toBeLessThan(2_000);
      }
    }

    await eventually(async () => (await call("/v1/chat/completions", key, chat)).status === 200, 15_000);
    const after = await Promise.all(Array.from({ length: 5 }, () => call("/v1/chat/completions", key, chat)));
    expect(after.map((o) => o.status)).toEqual([200, 200, 200, 200, 200]);
    await eventually(async () => (await prisma().hold.count({ where: { userId } })) + (await prisma().creditLease.count({ where: { userId } })) === 0, 20_000);
    const [user, sum] = await Promise.all([account(userId), prisma().ledgerEntry.aggregate({ where: { userId }, _sum: { amount: true } })]);
    expect(user.held).toBe(0n);
    expect(user.balance).toBe(sum._sum.amount);
  }, 90_000);

  it("a Redis that stops answering costs one request the command timeout; the next are 503 at once, and all is admitted soon after it answers again", async () => {
    // Not sliced (a plan under 8 concurrent): every admission is a script on Redis.
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 4, customRpm: 100_000 });
    const chat = { model: "deepseek-chat", messages: hello, max_tokens: 3 };
    expect((await call("/v1/chat/completions", key, chat)).status).toBe(200);

    proxy.stall();
    const first = await call("/v1/chat/completions", key, chat);
    expect([first.status, first.retryAfter]).toEqual([503, expect.stringMatching(/^\d+$/)]);
    expect(first.ms).toBeLessThan(8_000);
    const next: Outcome[] = [];
    for (let i = 0; i < 5; i++) next.push(await call("/v1/chat/completions", key, chat));
    proxy.unstall();
    expect(next.map((o) => o.status)).toEqual([503, 503, 503, 503, 503]);
    // Seen: 5 s each, every request waiting out the timeout again.
    for (const o of next) expect(o.ms, o.body).toBeLessThan(500);

    const answeredAt = Date.now();
    await eventually(async () => (await call("/v1/chat/completions", key, chat)).status === 200, 15_000);
    expect(Date.now() - answeredAt).toBeLessThan(3_000);
    await eventually(async () => (await prisma().hold.count({ where: { userId } })) + (await prisma().creditLease.count({ where: { userId } })) === 0, 20_000);
    const [user, sum] = await Promise.all([account(userId), prisma().ledgerEntry.aggregate({ where: { userId }, _sum: { amount: true } })]);
    expect(user.held).toBe(0n);
    expect(user.balance).toBe(sum._sum.amount);
  }, 90_000);
});
