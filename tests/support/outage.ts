// What the outage tests (a backing store restarting or hanging under load) send and check:
// timed calls to a gateway process, the answers given meanwhile, and the account at rest after.
import { afterAll, beforeAll, expect } from "vitest";
import { disconnect, prisma } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { schemaErrors } from "../gateway/contract";
import { account, eventually } from "../gateway/harness";
import { startGatewayProcess, type GatewayProcess } from "./processes";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

/**
 * For the file's tests: a gateway process whose `variable` (DATABASE_URL, REDIS_URL) points at `serviceUrl`
 * through a proxy the tests take down or stall (`extra`: more of its environment).
 */
export function useGatewayBehindProxy(variable: "DATABASE_URL" | "REDIS_URL", serviceUrl: string, extra: Record<string, string> = {}): { proxy: () => TcpProxy; server: () => GatewayProcess } {
  let proxy: TcpProxy;
  let server: GatewayProcess;
  beforeAll(async () => {
    await seedCatalog();
    const target = new URL(serviceUrl);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || (variable === "REDIS_URL" ? 6379 : 5432)) });
    server = await startGatewayProcess({ ...extra, [variable]: proxy.url(serviceUrl) });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await disconnect();
  });
  return { proxy: () => proxy, server: () => server };
}

/** One call's answer, when it was sent and how long it took. */
export type Outcome = { status: number; retryAfter: string | null; body: string; at: number; ms: number };

/** GET `path` (POST when there is a body) on `server` with `key`; never waits more than 20 s. */
export async function call(server: GatewayProcess, path: string, key: string, body?: Record<string, unknown>): Promise<Outcome> {
  const started = Date.now();
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: body ? "POST" : "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text(), at: started, ms: Date.now() - started };
}

/** Send `round` (calls side by side) again and again for `ms`; every answer. */
export async function callsFor(ms: number, round: () => Promise<Outcome>[]): Promise<Outcome[]> {
  const during: Outcome[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) during.push(...(await Promise.all(round())));
  return during;
}

/** Each answer is a 200, or a 503 in the spec's shape with Retry-After — within `maxMs` when given. */
export function expectServedOrUnavailable(outcomes: Outcome[], maxMs?: number): void {
  for (const o of outcomes) {
    expect([200, 503], o.body).toContain(o.status);
    if (o.status !== 503) continue;
    expect(o.retryAfter, o.body).toMatch(/^\d+$/);
    expect(schemaErrors("ErrorResponse", JSON.parse(o.body))).toEqual([]);
    if (maxMs !== undefined) expect(o.ms, o.body).toBeLessThan(maxMs);
  }
}

/** Once nothing is held for the account any more: held is zero and the balance is the ledger's sum. */
export async function expectExactAtRest(userId: string): Promise<void> {
  await eventually(async () => (await prisma().hold.count({ where: { userId } })) + (await prisma().creditLease.count({ where: { userId } })) === 0, 20_000);
  const [user, sum] = await Promise.all([account(userId), prisma().ledgerEntry.aggregate({ where: { userId }, _sum: { amount: true } })]);
  expect(user.held).toBe(0n);
  expect(user.balance).toBe(sum._sum.amount);
}

/** How many of `outcomes` were sent at `since` or later and served. */
export const servedSince = (outcomes: Outcome[], since: number): number => outcomes.filter((o) => o.at >= since && o.status === 200).length;

/** Every request answered 200 is billed: one served request in the usage log each (a refusal is logged as an error), and the account exact at rest. */
export async function expectBilled(userId: string, answers: Outcome[]): Promise<void> {
  const served = answers.filter((o) => o.status === 200).length;
  await eventually(async () => (await prisma().usageLog.count({ where: { userId, status: "ok" } })) === served, 30_000);
  await expectExactAtRest(userId);
}
