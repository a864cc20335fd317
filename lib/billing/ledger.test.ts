import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { disconnect, prisma } from "../db";
import { createAccount } from "../accounts/create";
import { findDrift, placeHold, postEntry, releaseHold, settle, sweepExpiredHolds, type Settlement } from "./ledger";
import { createApiKey } from "../keys/store";

afterAll(disconnect);

async function account(credits: bigint) {
  const user = await createAccount({ email: `ledger-${randomUUID()}@example.com`, credits });
  const key = await createApiKey(user.id, "test");
  return { userId: user.id, keyId: key.id };
}

function settlement(requestId: string, apiKeyId: string, cost: bigint, userId = ""): Settlement {
  return {
    requestId, userId, apiKeyId, cost, model: "deepseek-chat", provider: "deepseek", promptTokens: 10, completionTokens: 20,
    cachedTokens: 0, estimated: false, stream: false, status: "ok", latencyMs: 5, ttftMs: null,
  };
}

async function balanceOf(userId: string) {
  return (await prisma().user.findUniqueOrThrow({ where: { id: userId } })).balance;
}

describe("ledger", () => {
  it("books the sign-up grant once per reference", async () => {
    const { userId } = await account(5_000_000_000n);
    expect(await postEntry({ userId, kind: "GRANT", amount: 1n, reference: `signup:${userId}`, description: "again" })).toBe(false);
    expect(await balanceOf(userId)).toBe(5_000_000_000n);
  });

  it("never lets concurrent holds exceed the balance, and balance == sum(ledger) after", async () => {
    const { userId, keyId } = await account(1_000n);
    const ids = Array.from({ length: 40 }, () => randomUUID());
    const placed = await Promise.all(ids.map((id) => placeHold(userId, id, 100n, 60_000)));
    expect(placed.filter((p) => p === "placed")).toHaveLength(10);
    expect(placed.filter((p) => p === "balance")).toHaveLength(30);
    const won = ids.filter((_, i) => placed[i] === "placed");
    await Promise.all(won.map((id) => settle(settlement(id, keyId, 100n))));
    expect(await balanceOf(userId)).toBe(0n);
    expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
  });

  it("settles exactly once, caps at the hold, and releases", async () => {
    const { userId, keyId } = await account(10_000n);
    const id = randomUUID();
    expect(await placeHold(userId, id, 500n, 60_000)).toBe("placed");
    const results = await Promise.all([settle(settlement(id, keyId, 900n)), settle(settlement(id, keyId, 900n))]);
    expect(results.filter((r) => r !== null)).toEqual([500n]);
    expect(await balanceOf(userId)).toBe(9_500n);
    expect(await prisma().usageLog.count({ where: { requestId: id } })).toBe(1);

    const failed = randomUUID();
    await placeHold(userId, failed, 700n, 60_000);
    await releaseHold(failed);
    const user = await prisma().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.held).toBe(0n);
    expect(user.balance).toBe(9_500n);
  });

  it("sweeps holds left by a dead process", async () => {
    const { userId } = await account(10_000n);
    await placeHold(userId, randomUUID(), 300n, 1);
    await new Promise((r) => setTimeout(r, 20));
    await sweepExpiredHolds(); // (another file's sweep, running at the same time, may be the one that takes it)
    expect(await prisma().hold.count({ where: { userId } })).toBe(0);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: userId } })).held).toBe(0n);
  });
});
