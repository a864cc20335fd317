// SIGTERM to a real server process under load: requests and streams in flight finish (up
// to SHUTDOWN_TIMEOUT_MS; past it they end as a client disconnect does, billed for what was
// delivered), idle keep-alive connections are closed, settlements reach the database, exit 0.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnect, prisma } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { randomUUID } from "node:crypto";
import { account, accountAtRest, eventually, newAccount } from "../gateway/harness";
import { upstreamRequests } from "../gateway/upstream-log";
import { startGatewayProcess } from "../support/processes";

beforeAll(seedCatalog);
afterAll(disconnect);

/** One request on `agent`, body read to the end (or to the cut); resolves with status and text. */
function request(baseUrl: string, key: string, body: Record<string, unknown>, agent?: http.Agent): Promise<{ status: number; text: string; cut: boolean }> {
  return new Promise((resolve) => {
    const req = http.request(`${baseUrl}/v1/chat/completions`, {
      method: "POST", agent, headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text, cut: false }));
      res.on("error", () => resolve({ status: res.statusCode ?? 0, text, cut: true }));
      res.on("aborted", () => resolve({ status: res.statusCode ?? 0, text, cut: true }));
    });
    req.on("error", () => resolve({ status: 0, text: "", cut: true }));
    req.end(JSON.stringify({ model: "deepseek-chat", ...body }));
  });
}

/** After the process stopped: no hold, its credit lease given back (held 0), balance == sum(ledger). */
async function ledgerExact(userId: string): Promise<{ usage: number }> {
  const [user, sum, holds, leases, usage] = await Promise.all([
    account(userId),
    prisma().ledgerEntry.aggregate({ where: { userId }, _sum: { amount: true } }),
    prisma().hold.count({ where: { userId } }),
    prisma().creditLease.count({ where: { userId } }),
    prisma().ledgerEntry.count({ where: { userId, kind: "USAGE" } }),
  ]);
  expect(holds).toBe(0);
  expect(leases).toBe(0);
  expect(user.held).toBe(0n);
  expect(user.balance).toBe(sum._sum.amount);
  return { usage };
}

const slow = (tokens: number, delay: number, marker = "") => [{ role: "user", content: `[[sim:tokens=${tokens}]] [[sim:delay=${delay}]] go ${marker}` }];

/** Wait until the upstream has received `n` requests carrying `marker` (each holds credit by then). */
async function reachedUpstream(marker: string, n: number): Promise<void> {
  await eventually(async () => (await upstreamRequests()).filter((r) => JSON.stringify(r.body.messages).includes(marker)).length === n, 30_000);
}

describe("graceful shutdown", () => {
  it("finishes every request and stream in flight, closes idle keep-alive connections, settles all, exits 0", async () => {
    const server = await startGatewayProcess({ SHUTDOWN_TIMEOUT_MS: "20000" });
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    // A keep-alive connection left idle: the stop must close it, not wait for its timeout.
    await request(server.baseUrl, key, { messages: slow(2, 0), max_tokens: 2 }, agent);
    const idleSockets = Object.values(agent.freeSockets).flat();
    expect(idleSockets.length).toBe(1);
    const idleClosed = new Promise<void>((resolve) => idleSockets[0]!.once("close", () => resolve()));

    const marker = randomUUID();
    const inFlight = [
      ...Array.from({ length: 4 }, () => request(server.baseUrl, key, { messages: slow(30, 50, marker), max_tokens: 40, stream: true }, agent)),
      ...Array.from({ length: 3 }, () => request(server.baseUrl, key, { messages: slow(20, 50, marker), max_tokens: 40 }, agent)),
    ];
    // Every request has reached the upstream (each holds credit) before the signal.
    await reachedUpstream(marker, inFlight.length);
    const started = Date.now();
    const exit = server.stop();
    const results = await Promise.all(inFlight);
    expect(await exit).toBe(0);
    await idleClosed;
    expect(Date.now() - started).toBeLessThan(25_000);
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.cut).toBe(false);
    }
    for (const r of results.slice(0, 4)) expect(r.text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    // Every request billed once, before the process exited: 1 + 7 usage rows, no hold left, the lease given back.
    expect((await ledgerExact(userId)).usage).toBe(8);
    agent.destroy();
  }, 120_000);

  it("past the deadline, cuts what is still streaming and bills what was delivered; exits 0", async () => {
    const server = await startGatewayProcess({ SHUTDOWN_TIMEOUT_MS: "500" });
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100 });
    const balanceBefore = (await account(userId)).balance;
    const marker = randomUUID();
    const long = request(server.baseUrl, key, { messages: slow(400, 25, marker), max_tokens: 500, stream: true });
    await reachedUpstream(marker, 1);
    await new Promise((resolve) => setTimeout(resolve, 500)); // some output delivered
    const started = Date.now();
    const exit = server.stop();
    const result = await long;
    expect(await exit).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.status).toBe(200);
    expect(result.text).toContain("data: {");
    expect(result.text).not.toContain("[DONE]");
    expect((await ledgerExact(userId)).usage).toBe(1);
    const charged = balanceBefore - (await account(userId)).balance;
    expect(charged).toBeGreaterThan(0n);
  }, 120_000);
});
