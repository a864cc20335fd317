// Two real server processes on one PostgreSQL and one Redis: limits and balances hold across
// both, and a strictly sequential client is never refused as concurrent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnect, prisma } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { NANO_PER_USD } from "../../lib/money";
import { account, accountAtRest, freshWindow, newAccount } from "../gateway/harness";
import { upstreamRequests } from "../gateway/upstream-log";
import { chatOn as chat, startGatewayProcess, type GatewayProcess } from "../support/processes";

let servers: GatewayProcess[] = [];
beforeAll(async () => {
  await seedCatalog();
  servers = await Promise.all([startGatewayProcess(), startGatewayProcess()]);
}, 90_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await disconnect();
});


/** Once both processes gave their idle credit leases back: nothing held, balance == sum(ledger). */
async function ledgerMatches(userId: string): Promise<void> {
  const user = await accountAtRest(userId);
  const sum = await prisma().ledgerEntry.aggregate({ where: { userId }, _sum: { amount: true } });
  expect(user.held).toBe(0n);
  expect(user.balance).toBe(sum._sum.amount ?? 0n);
}

describe("two server processes", () => {
  it("a sequential client with one concurrent slot is never refused as concurrent, streams or not", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customRpm: 10_000, customConcurrent: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const stream = i % 2 === 1;
      const res = await chat(servers[i % 2], key, stream ? { stream: true } : {});
      await res.text();
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    await ledgerMatches(userId);
  }, 180_000);

  it("a Free key's 10 requests per minute hold across both; refusals for concurrency do not use them up", async () => {
    await freshWindow(40);
    const { key } = await newAccount({ plan: "FREE" });
    // One slow stream holds the only slot; three more are refused as concurrent.
    const slow = chat(servers[0], key, { stream: true, messages: [{ role: "user", content: "[[sim:tokens=40]] [[sim:delay=50]] hi" }], max_tokens: 50 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refused = await Promise.all([1, 2, 3].map((i) => chat(servers[i % 2], key)));
    expect(refused.map((r) => r.status)).toEqual([429, 429, 429]);
    await (await slow).text();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await chat(servers[i % 2], key)).status);
    // 1 stream + 9 sequential requests = the 10 of the minute; the refused three did not count.
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(200));
    expect(statuses[9]).toBe(429);
  }, 120_000);

  it("concurrent spending of a $0.01 balance from both never goes below zero", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100, credits: NANO_PER_USD / 100n });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      chat(servers[i % 2], key, { model: "deepseek-reasoner", max_tokens: 2000, messages: [{ role: "user", content: "[[sim:tokens=1500]] think" }] }).then(async (r) => (await r.text(), r.status))));
    expect(results.every((s) => s === 200 || s === 402)).toBe(true);
    expect(results).toContain(402);
    await ledgerMatches(userId);
    expect((await account(userId)).balance).toBeGreaterThanOrEqual(0n);
  });

  it("a key hammered past its concurrency from both: the upstream hears of hardly any call but those served", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customRpm: 100_000, customConcurrent: 6 });
    const marker = `hammer-${userId}`;
    const body = { max_tokens: 3, messages: [{ role: "user", content: `[[sim:tokens=3]] [[sim:delay=10]] ${marker}` }] };
    let served = 0;
    const until = Date.now() + 3_000;
    await Promise.all(Array.from({ length: 24 }, async (_, i) => {
      while (Date.now() < until) {
        const res = await chat(servers[i % 2], key, body);
        await res.text();
        expect([200, 429]).toContain(res.status);
        if (res.status === 200) served++;
      }
    }));
    const calls = (await upstreamRequests()).filter((r) => JSON.stringify(r.body.messages).includes(marker));
    const cancelled = calls.filter((c) => c.outcome !== "done").length;
    expect(served).toBeGreaterThan(50);
    // A call started ahead of an admission that then refused it is cancelled: a few may happen (seen: 3–4% of the
    // calls), not one for most refusals (seen before: 191 cancelled calls for 296 served).
    expect(cancelled, `${cancelled} cancelled of ${calls.length} calls, ${served} served`).toBeLessThanOrEqual(Math.ceil(served / 10));
    await ledgerMatches(userId);
  }, 60_000);
});
