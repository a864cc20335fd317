import { afterAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { disconnect, prisma, reservationPool } from "../db";
import { createAccount } from "../accounts/create";
import { createApiKey } from "../keys/store";
import { findDrift, placeHold, type Settlement } from "./ledger";
import { settleDurably } from "./settle-queue";
import { log } from "../log";

afterAll(disconnect);

async function account() {
  const user = await createAccount({ email: `queue-${randomUUID()}@example.com`, credits: 1_000_000n });
  return { userId: user.id, keyId: (await createApiKey(user.id, "q")).id };
}

function settlement(requestId: string, userId: string, apiKeyId: string, cost: bigint): Settlement {
  return {
    requestId, userId, apiKeyId, cost, model: "deepseek-chat", provider: "deepseek", promptTokens: 1, completionTokens: 1,
    cachedTokens: 0, estimated: false, stream: false, status: "ok", latencyMs: 1, ttftMs: null,
  };
}

describe("settleDurably", () => {
  it("commits many concurrent settlements across accounts, each once, and a bad one does not sink the batch", async () => {
    const accounts = await Promise.all([account(), account(), account()]);
    const jobs = [];
    for (let i = 0; i < 60; i++) {
      const { userId, keyId } = accounts[i % 3];
      const id = randomUUID();
      expect(await placeHold(userId, id, 1_000n, 60_000)).toBe("placed");
      jobs.push({ id, userId, keyId });
    }
    const poisoned = jobs[7];
    const warn = vi.spyOn(log, "warn");
    const results = await Promise.allSettled(
      jobs.map((j) => settleDurably(settlement(j.id, j.userId, j === poisoned ? "no-such-key" : j.keyId, 400n))),
    );
    expect(results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<bigint | null>).value)).toEqual(Array(59).fill(400n));
    expect(results[7].status).toBe("rejected");
    // They were committed in batches of several; the batch with the bad one was retried one by one.
    expect(warn.mock.calls.some(([line]) => /settlement batch of ([2-9]|\d\d+) failed/.test(line))).toBe(true);
    warn.mockRestore();
    const again = await settleDurably(settlement(jobs[0].id, jobs[0].userId, jobs[0].keyId, 400n));
    expect(again).toBeNull();
    for (const { userId } of accounts) {
      const user = await prisma().user.findUniqueOrThrow({ where: { id: userId } });
      const settled = jobs.filter((j) => j.userId === userId && j !== poisoned).length;
      expect(user.balance).toBe(1_000_000n - 400n * BigInt(settled));
    }
    expect((await findDrift()).filter((d) => accounts.some((a) => a.userId === d.userId))).toEqual([]);
    for (const { userId } of accounts) {
      const entries = await prisma().ledgerEntry.findMany({ where: { userId }, orderBy: { id: "asc" } });
      entries.slice(1).forEach((entry, i) => expect(entry.balanceAfter).toBe(entries[i].balanceAfter + entry.amount));
    }
  });

  it("gathers settlements that arrive one at a time into a statement per SETTLE_GATHER_MS, also while batches commit", async () => {
    const { userId, keyId } = await account();
    const ids = Array.from({ length: 40 }, () => randomUUID());
    for (const id of ids) expect(await placeHold(userId, id, 1_000n, 60_000)).toBe("placed");
    const query = vi.spyOn(reservationPool(), "query");
    const settled: Promise<bigint | null>[] = [];
    const started = Date.now();
    for (const id of ids) {
      settled.push(settleDurably(settlement(id, userId, keyId, 300n)));
      await new Promise((resolve) => setTimeout(resolve, 1)); // one at a time, as a single connection's requests end
    }
    expect(await Promise.all(settled)).toEqual(Array(40).fill(300n));
    const statements = query.mock.calls.filter(([config]) => (config as { name?: string }).name === "settle-many");
    query.mockRestore();
    // One per 10 ms window (and the commits between them), never one per settlement or two.
    expect(statements.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 10) + 1);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: userId } })).balance).toBe(1_000_000n - 12_000n);
  });

  it("fails a batch at once when the database is out of reach, instead of waiting out each settlement's timeout in turn", async () => {
    const { userId, keyId } = await account();
    const ids = Array.from({ length: 20 }, () => randomUUID());
    for (const id of ids) expect(await placeHold(userId, id, 1_000n, 60_000)).toBe("placed");
    // What a database that stopped answering gives each statement after the query timeout.
    const query = vi.spyOn(reservationPool(), "query").mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("Query read timeout");
    });
    const started = Date.now();
    const results = await Promise.allSettled(ids.map((id) => settleDurably(settlement(id, userId, keyId, 300n))));
    const statements = query.mock.calls.length;
    query.mockRestore();
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    // Seen: the batch, then each of its 20 settlements alone — 21 timeouts one after another.
    expect(statements).toBe(1);
    expect(Date.now() - started).toBeLessThan(500);
    // Nothing was charged; the holds stay open for a retry.
    expect((await prisma().user.findUniqueOrThrow({ where: { id: userId } })).balance).toBe(1_000_000n);
    expect(await Promise.all(ids.map((id) => settleDurably(settlement(id, userId, keyId, 300n))))).toEqual(Array(20).fill(300n));
  });
});
