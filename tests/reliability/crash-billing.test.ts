// `kill -9` of a server mid-stream: the output it had delivered is billed by the hold sweeper
// from the progress recorded each second (lib/billing/stream-progress.ts), at most one
// second of output short, once; a stream that ends normally leaves no progress behind.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepExpiredHolds } from "../../lib/billing/ledger";
import { disconnect, prisma } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { estimateTokens } from "../../lib/gateway/tokens";
import { account, eventually, newAccount } from "../gateway/harness";
import { startGatewayProcess } from "../support/processes";

beforeAll(seedCatalog);
afterAll(disconnect);

const HOLD_TTL_MS = 6_000;

type Received = { at: number; text: string }[];

/**
 * A stream of `tokens` tokens `delay` ms apart; `received` gets each content delta with its arrival
 * time, `onHeaders` the request id.
 */
function stream(baseUrl: string, key: string, tokens: number, delay: number, received: Received, onHeaders: (requestId: string) => void = () => undefined): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(`${baseUrl}/v1/chat/completions`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    }, (res) => {
      onHeaders(String(res.headers["x-request-id"]));
      let buffer = "";
      res.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const events = buffer.split("\n\n");
        buffer = events.pop()!;
        for (const event of events) {
          const data = event.replace(/^data: /, "");
          if (data === "[DONE]") continue;
          const content = (JSON.parse(data) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content;
          if (content) received.push({ at: Date.now(), text: content });
        }
      });
      res.on("end", () => resolve());
      res.on("error", () => resolve());
      res.on("aborted", () => resolve());
    });
    req.on("error", () => resolve());
    req.end(JSON.stringify({
      model: "deepseek-chat", stream: true, max_tokens: tokens + 10,
      messages: [{ role: "user", content: `[[sim:tokens=${tokens}]] [[sim:delay=${delay}]] go` }],
    }));
  });
}

const textUntil = (received: Received, until: number) => received.filter((r) => r.at <= until).map((r) => r.text).join("");

async function ledgerExact(userId: string): Promise<void> {
  const [user, sum, holds, leases] = await Promise.all([
    account(userId),
    prisma().ledgerEntry.aggregate({ where: { userId }, _sum: { amount: true } }),
    prisma().hold.count({ where: { userId } }),
    prisma().creditLease.count({ where: { userId } }),
  ]);
  expect(holds).toBe(0);
  expect(leases).toBe(0);
  expect(user.held).toBe(0n);
  expect(user.balance).toBe(sum._sum.amount);
}

describe("billing through a crash", () => {
  it("bills what a killed server had delivered, once, within one second of output", async () => {
    const server = await startGatewayProcess({ HOLD_TTL_MS: String(HOLD_TTL_MS), CREDIT_LEASE_TTL_MS: String(HOLD_TTL_MS) });
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100 });
    const received: Received[] = [[], [], []];
    const streams = received.map((r) => stream(server.baseUrl, key, 200, 25, r));
    // Well past the first second, with output flowing on every stream.
    await eventually(async () => received.every((r) => r.length >= 80), 30_000);
    const killedAt = Date.now();
    await server.kill();
    await Promise.all(streams);

    // The three holds were taken from the process's credit lease. Before it expires the sweeper
    // leaves it alone: the process might still be alive.
    await sweepExpiredHolds();
    expect(await prisma().creditLease.count({ where: { userId } })).toBe(1);
    expect(await prisma().usageLog.count({ where: { userId } })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, HOLD_TTL_MS));
    await sweepExpiredHolds();
    await sweepExpiredHolds(); // a second sweep (another instance's) bills nothing more

    const rows = await prisma().usageLog.findMany({ where: { userId } });
    expect(rows).toHaveLength(3);
    const billed = rows.map((r) => r.completionTokens).sort((a, b) => a - b);
    const delivered = received.map((r) => estimateTokens(textUntil(r, killedAt))).sort((a, b) => a - b);
    const secondBefore = received.map((r) => estimateTokens(textUntil(r, killedAt - 1_500))).sort((a, b) => a - b);
    for (const [i, row] of rows.entries()) {
      expect(row.status).toBe("interrupted");
      expect(row.estimated).toBe(true);
      expect(row.cost > 0n).toBe(true);
      expect(billed[i]).toBeLessThanOrEqual(delivered[i]!);
      expect(billed[i]).toBeGreaterThanOrEqual(secondBefore[i]!);
    }
    const charged = await prisma().ledgerEntry.aggregate({ where: { userId, kind: "USAGE" }, _sum: { amount: true }, _count: true });
    expect(charged._count).toBe(3);
    expect(-charged._sum.amount!).toBe(rows.reduce((sum, r) => sum + r.cost, 0n));
    await ledgerExact(userId);
    expect(await prisma().streamProgress.count({ where: { requestId: { in: rows.map((r) => r.requestId) } } })).toBe(0);
  }, 120_000);

  it("a stream that ends normally is billed once and leaves no progress row", async () => {
    const server = await startGatewayProcess({ HOLD_TTL_MS: String(HOLD_TTL_MS), CREDIT_LEASE_TTL_MS: String(HOLD_TTL_MS) });
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100 });
    const received: Received = [];
    let requestId = "";
    const done = stream(server.baseUrl, key, 100, 25, received, (id) => (requestId = id)); // 2.5 s
    // Mid-way, its progress is on record.
    await eventually(async () => requestId && (await prisma().streamProgress.count({ where: { requestId } })) === 1, 10_000);
    await done;
    expect(received.length).toBe(100);
    const row = await eventually(() => prisma().usageLog.findFirst({ where: { userId } }), 10_000);
    expect(row.requestId).toBe(requestId);
    expect(row.status).toBe("ok");
    await eventually(async () => (await prisma().streamProgress.count({ where: { requestId: row.requestId } })) === 0, 5_000);
    await new Promise((resolve) => setTimeout(resolve, HOLD_TTL_MS));
    await sweepExpiredHolds();
    expect(await prisma().usageLog.count({ where: { userId } })).toBe(1);
    await eventually(async () => (await prisma().creditLease.count({ where: { userId } })) === 0, 5_000); // idle: given back
    expect(await prisma().ledgerEntry.count({ where: { userId, kind: "USAGE" } })).toBe(1);
    await ledgerExact(userId);
    expect(await server.stop()).toBe(0);
  }, 120_000);
});
