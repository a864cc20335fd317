// Credit leases across real server processes on one PostgreSQL: each process holds its requests'
// credit in memory against a lease on the account's balance (lib/billing/lease-pool.ts). Never an
// overdraft, held == sum(open leases and holds) at every moment sampled, a 402 caused by another
// process's unused lease lasts no longer than the documented bound, and a killed process's lease
// expires and goes back through the sweeper.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDrift, sweepExpiredHolds } from "../../lib/billing/ledger";
import { disconnect, pool, prisma } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { NANO_PER_USD } from "../../lib/money";
import { account, accountAtRest, eventually, newAccount } from "../gateway/harness";
import { startGatewayProcess, type GatewayProcess } from "../support/processes";

const IDLE_MS = 400;
const LEASE_TTL_MS = 3_000;

let servers: GatewayProcess[] = [];
beforeAll(async () => {
  await seedCatalog();
  // A generous upstream timeout: 50 concurrent 1,500-token answers from the shared simulator on a busy CI machine are slow, and this file is about leases.
  const env = { CREDIT_LEASE_IDLE_MS: String(IDLE_MS), UPSTREAM_TIMEOUT_MS: "20000" };
  servers = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
}, 90_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await disconnect();
});

async function chat(server: GatewayProcess, key: string, body: Record<string, unknown>): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: "deepseek-chat", ...body }),
  });
  return { status: res.status, text: await res.text() };
}

const say = (text: string) => [{ role: "user", content: text }];

/** One consistent look at an account: its balance, held, and what its open leases and holds add up to. */
async function snapshot(userId: string): Promise<{ balance: bigint; held: bigint; leasedAndHeld: bigint }> {
  const { rows } = await pool().query<{ balance: string; held: string; sum: string }>(
    `SELECT balance::text, held::text,
            (coalesce((SELECT sum(amount) FROM "CreditLease" WHERE "userId" = $1), 0) + coalesce((SELECT sum(amount) FROM "Hold" WHERE "userId" = $1), 0))::text AS sum
     FROM "User" WHERE id = $1`,
    [userId],
  );
  return { balance: BigInt(rows[0].balance), held: BigInt(rows[0].held), leasedAndHeld: BigInt(rows[0].sum) };
}

/** At rest: nothing held, balance == sum(ledger), no drift. */
async function exactAtRest(userId: string): Promise<bigint> {
  const user = await accountAtRest(userId);
  const sum = await prisma().ledgerEntry.aggregate({ where: { userId }, _sum: { amount: true } });
  expect(user.held).toBe(0n);
  expect(user.balance).toBe(sum._sum.amount);
  expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
  return user.balance;
}

describe("credit leases across processes", () => {
  it("50 concurrent requests on a $0.01 balance through two processes: leases never exceed the balance, no overdraft, exact ledger", async () => {
    const credits = NANO_PER_USD / 100n;
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100, customRpm: 10_000, credits });
    const samples: Awaited<ReturnType<typeof snapshot>>[] = [];
    let running = true;
    const sampler = (async () => {
      while (running) samples.push(await snapshot(userId));
    })();
    // Each holds ~$0.00072 (2000 output tokens at $0.36/M) and is charged ~$0.00054: about 13 fit at once, 18 in all.
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      chat(servers[i % 2], key, { max_tokens: 2000, stream: i % 3 === 0, messages: say("[[sim:tokens=1500]] write") })));
    running = false;
    await sampler;

    const statuses = results.map((r) => r.status);
    const unexpected = results.filter((r) => r.status !== 200 && r.status !== 402);
    expect(unexpected, `${JSON.stringify(unexpected.slice(0, 3))}\n${servers.map((s) => s.output()).join("\n---\n")}`).toEqual([]);
    expect(statuses).toContain(200);
    expect(statuses).toContain(402);
    for (const r of results.filter((x) => x.status === 402)) expect(JSON.parse(r.text).error.code).toBe("insufficient_credits");
    expect(samples.length).toBeGreaterThan(5);
    for (const s of samples) {
      expect(s.held).toBe(s.leasedAndHeld);
      expect(s.held).toBeLessThanOrEqual(s.balance);
      expect(s.balance).toBeGreaterThanOrEqual(0n);
    }

    const balance = await exactAtRest(userId);
    expect(balance).toBeGreaterThanOrEqual(0n);
    const ok = statuses.filter((s) => s === 200).length;
    const billed = await prisma().usageLog.aggregate({ where: { userId, status: { not: "error" } }, _count: true, _sum: { cost: true } });
    expect(billed._count).toBe(ok);
    expect(credits - balance).toBe(billed._sum.cost);
  }, 120_000);

  it("a 402 caused by another process's unused lease lasts at most 2.5 idle windows", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100, customRpm: 10_000, credits: 1_000_000n });
    // Process 1 leases what its request holds (~$0.00072 of the $0.001: more than half, so exactly that) and is charged a little.
    expect((await chat(servers[0], key, { max_tokens: 2000, messages: say("[[sim:tokens=3]] hi") })).status).toBe(200);
    const row = await eventually(() => prisma().usageLog.findFirst({ where: { userId } }));
    const settledAt = Date.now();
    const leased = await snapshot(userId);
    expect(leased.held).toBeGreaterThan(700_000n); // the rest of process 1's lease, unused from now on
    // Process 2's request (~$0.00036) fits the balance but not what process 1's lease leaves: refused for now…
    const body = { max_tokens: 1000, messages: say("[[sim:tokens=3]] hi") };
    const first = await chat(servers[1], key, body);
    expect(first.status).toBe(402);
    expect(JSON.parse(first.text).error.code).toBe("insufficient_credits");
    // …until process 1 gives its idle lease back.
    let status = first.status;
    while (status === 402 && Date.now() - settledAt < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = (await chat(servers[1], key, body)).status;
    }
    expect(status).toBe(200);
    expect(Date.now() - settledAt).toBeLessThanOrEqual(2.5 * IDLE_MS + 500);
    const balance = await exactAtRest(userId);
    const costs = await prisma().usageLog.findMany({ where: { userId, status: "ok" }, select: { cost: true }, orderBy: { id: "asc" } });
    expect(costs).toHaveLength(2);
    expect(costs[0].cost).toBe(row.cost);
    expect(1_000_000n - balance).toBe(costs[0].cost + costs[1].cost);
  }, 60_000);

  it("a killed process's lease expires and the sweeper gives it back", async () => {
    const server = await startGatewayProcess({ CREDIT_LEASE_TTL_MS: String(LEASE_TTL_MS), CREDIT_LEASE_IDLE_MS: "60000" });
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100 });
    expect((await chat(server, key, { max_tokens: 50, messages: say("[[sim:tokens=5]] hi") })).status).toBe(200);
    const row = await eventually(() => prisma().usageLog.findFirst({ where: { userId } }));
    await server.kill();
    const parked = await snapshot(userId);
    expect(parked.held).toBeGreaterThan(0n);
    expect(parked.held).toBe(parked.leasedAndHeld);
    expect(await prisma().creditLease.count({ where: { userId } })).toBe(1);
    // Not expired yet: the process might be alive, so the sweeper leaves it.
    await sweepExpiredHolds();
    expect((await account(userId)).held).toBe(parked.held);
    await new Promise((resolve) => setTimeout(resolve, LEASE_TTL_MS));
    expect(await sweepExpiredHolds()).toBeGreaterThanOrEqual(1);
    expect(await prisma().creditLease.count({ where: { userId } })).toBe(0);
    const balance = await exactAtRest(userId);
    expect(balance).toBe(parked.balance);
    expect(await prisma().usageLog.count({ where: { userId } })).toBe(1);
    expect(await prisma().ledgerEntry.count({ where: { userId, kind: "USAGE" } })).toBe(1);
    expect(row.cost).toBeGreaterThan(0n);
  }, 60_000);
});
