// Credit leases against the real PostgreSQL: what a lease statement grants, settlement through a
// lease (exactly once, capped at the request's hold, "no lease, no charge"), give-backs, expiry,
// and this process's pool placing holds in memory. held == sum(leases and holds) after each.
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { disconnect, prisma, reservationPool } from "../db";
import { createAccount } from "../accounts/create";
import { createApiKey } from "../keys/store";
import { reloadEnv } from "../env";
import { findDrift, settle, sweepExpiredHolds, type Settlement } from "./ledger";
import { changeLeases, openLease } from "./leases";
import { endLeaseHold, holdFromLease, returnLeases } from "./lease-pool";

afterAll(disconnect);

async function account(credits: bigint) {
  const user = await createAccount({ email: `lease-${randomUUID()}@example.com`, credits });
  return { userId: user.id, keyId: (await createApiKey(user.id, "test")).id };
}

function leased(requestId: string, userId: string, apiKeyId: string, cost: bigint, leaseId: string, leaseHold: bigint): Settlement {
  return {
    requestId, userId, apiKeyId, cost, leaseId, leaseHold, model: "deepseek-chat", provider: "deepseek", promptTokens: 10, completionTokens: 20,
    cachedTokens: 0, estimated: false, stream: false, status: "ok", latencyMs: 5, ttftMs: null,
  };
}

const user = (userId: string) => prisma().user.findUniqueOrThrow({ where: { id: userId } });
const lease = (id: string) => prisma().creditLease.findUnique({ where: { id } });
const newLeaseId = () => `lease_test_${randomUUID()}`;

async function noDrift(userId: string) {
  expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
}

describe("lease statements", () => {
  it("grant at least what is needed, at most half of what is spendable, and never more than the balance under concurrency", async () => {
    const { userId } = await account(1_000n);
    const granted = await Promise.all(Array.from({ length: 20 }, () => openLease(newLeaseId(), userId, "test", 100n, 1_000n, 60_000)));
    // Each statement sees the previous ones: 1000 → 500 left → 250 → 125 → 100 (the need) → 25 left, below any need.
    expect(granted.filter((g) => g !== null).sort((a, b) => Number(a! - b!))).toEqual([100n, 125n, 250n, 500n]);
    expect(granted.filter((g) => g === null)).toHaveLength(16);
    expect((await user(userId)).held).toBe(975n);
    await noDrift(userId);
  });

  it("settle a leased request exactly once, capped at its hold, moving the charge out of the lease and held together", async () => {
    const { userId, keyId } = await account(10_000n);
    const leaseId = newLeaseId();
    expect(await openLease(leaseId, userId, "test", 1_000n, 1_000n, 60_000)).toBe(1_000n);
    const id = randomUUID();
    const results = await Promise.all([settle(leased(id, userId, keyId, 900n, leaseId, 300n)), settle(leased(id, userId, keyId, 900n, leaseId, 300n))]);
    expect(results.filter((r) => r !== null)).toEqual([300n]);
    expect((await lease(leaseId))!.amount).toBe(700n);
    expect(await user(userId)).toMatchObject({ balance: 9_700n, held: 700n });
    expect(await prisma().usageLog.findMany({ where: { requestId: id }, select: { cost: true } })).toEqual([{ cost: 300n }]);
    expect(await prisma().ledgerEntry.findMany({ where: { reference: `usage:${id}` }, select: { amount: true, balanceAfter: true } })).toEqual([{ amount: -300n, balanceAfter: 9_700n }]);
    await noDrift(userId);

    // Once the lease is closed (its rest back to the account), a late settlement on it charges nothing.
    await changeLeases([{ id: leaseId, give: 0n, close: true }], 60_000);
    expect(await settle(leased(randomUUID(), userId, keyId, 100n, leaseId, 100n))).toBeNull();
    expect(await user(userId)).toMatchObject({ balance: 9_700n, held: 0n });
    await noDrift(userId);
  });

  it("refuse whole a settlement that would spend a lease below zero", async () => {
    const { userId, keyId } = await account(10_000n);
    const leaseId = newLeaseId();
    await openLease(leaseId, userId, "test", 100n, 100n, 60_000);
    const id = randomUUID();
    await expect(settle(leased(id, userId, keyId, 400n, leaseId, 500n))).rejects.toThrow(/would go below zero/);
    expect(await user(userId)).toMatchObject({ balance: 10_000n, held: 100n });
    expect(await prisma().usageLog.count({ where: { requestId: id } })).toBe(0);
    await noDrift(userId);
  });

  it("give back part of a lease, and return expired leases through the sweeper", async () => {
    const { userId } = await account(10_000n);
    const kept = newLeaseId();
    const expiring = newLeaseId();
    expect(await openLease(kept, userId, "test", 1_000n, 1_000n, 60_000)).toBe(1_000n);
    await changeLeases([{ id: kept, give: 400n, close: false }], 60_000);
    expect((await lease(kept))!.amount).toBe(600n);
    expect(await openLease(expiring, userId, "test", 2_000n, 2_000n, 1)).toBe(2_000n);
    expect((await user(userId)).held).toBe(2_600n);
    await noDrift(userId);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await sweepExpiredHolds()).toBeGreaterThanOrEqual(1);
    expect(await lease(expiring)).toBeNull();
    expect((await user(userId)).held).toBe(600n);
    await changeLeases([{ id: kept, give: 0n, close: true }], 60_000);
    expect(await user(userId)).toMatchObject({ balance: 10_000n, held: 0n });
    await noDrift(userId);
  });
});

describe("this process's lease pool", () => {
  // A long window: nothing goes back on its own while a test looks at exact amounts.
  beforeEach(() => {
    process.env.CREDIT_LEASE_IDLE_MS = "60000";
    reloadEnv();
  });
  afterEach(async () => {
    await returnLeases();
    delete process.env.CREDIT_LEASE_IDLE_MS;
    reloadEnv();
  });

  it("places holds in memory, tops the lease up when a hold does not fit, and refuses only what the account cannot cover", async () => {
    const { userId } = await account(10_000n);
    // The first hold opens a lease for it and three more like it (within half the spendable balance).
    const first = await holdFromLease(userId, 1_000n);
    expect(first).not.toBeNull();
    expect((await user(userId)).held).toBe(4_000n);
    // Three more fit: no statement, nothing changes in the database.
    for (let i = 0; i < 3; i++) expect(await holdFromLease(userId, 1_000n)).toBe(first);
    expect((await user(userId)).held).toBe(4_000n);
    expect(await prisma().creditLease.count({ where: { userId } })).toBe(1);
    // A fifth tops up: what it lacks plus the lease's recent peak, within half of the 6,000 spendable.
    expect(await holdFromLease(userId, 1_000n)).toBe(first);
    expect((await user(userId)).held).toBe(7_000n);
    // 5,000 more: 2,000 free in the lease, the 3,000 it lacks is all the account has left.
    expect(await holdFromLease(userId, 5_000n)).toBe(first);
    expect((await user(userId)).held).toBe(10_000n);
    expect(await holdFromLease(userId, 1n)).toBeNull();
    await noDrift(userId);

    // A hold released without charge frees its credit for the next request, in memory.
    endLeaseHold(userId, first!, 5_000n, 0n);
    expect(await holdFromLease(userId, 5_000n)).toBe(first);
    expect((await user(userId)).held).toBe(10_000n);
  });

  it("holds concurrent requests against one lease: never more than the balance, the account's last credit usable", async () => {
    const { userId } = await account(10_000n);
    const held = await Promise.all(Array.from({ length: 50 }, () => holdFromLease(userId, 300n)));
    // 33 × 300 = 9,900 fit in 10,000; the rest is refused.
    expect(held.filter((h) => h !== null)).toHaveLength(33);
    expect(new Set(held.filter((h) => h !== null)).size).toBe(1);
    const row = await user(userId);
    expect(row.held).toBeLessThanOrEqual(row.balance);
    await noDrift(userId);
    await returnLeases();
    expect((await user(userId)).held).toBe(0n);
    await noDrift(userId);
  });

  it("keeps what a window spent, so one request at a time does not top the lease up each time", async () => {
    // Idle after 200 ms, requests 80 ms apart: a settlement slowed by a busy machine (up to ~120 ms) still finds the lease.
    process.env.CREDIT_LEASE_IDLE_MS = "200";
    reloadEnv();
    const { userId, keyId } = await account(1_000_000n);
    const query = vi.spyOn(reservationPool(), "query");
    for (let i = 0; i < 30; i++) {
      const leaseId = await holdFromLease(userId, 1_000n);
      expect(leaseId).not.toBeNull();
      const charged = await settle(leased(randomUUID(), userId, keyId, 100n, leaseId!, 1_000n));
      endLeaseHold(userId, leaseId!, 1_000n, charged);
      await new Promise((resolve) => setTimeout(resolve, 80)); // windows of 200 ms pass between requests
    }
    const grants = query.mock.calls.filter(([text]) => typeof text === "string" && /INSERT INTO "CreditLease"|"CreditLease"\.amount \+ g\.amount/.test(text));
    query.mockRestore();
    expect(grants.length).toBeLessThanOrEqual(3);
    await noDrift(userId);
  });

  it("grows a lease to twice what is in flight, so a burst after a quiet spell tops it up once", async () => {
    process.env.CREDIT_LEASE_IDLE_MS = "200";
    reloadEnv();
    const { userId, keyId } = await account(1_000_000n);
    const leaseId = await holdFromLease(userId, 1_000n);
    endLeaseHold(userId, leaseId!, 1_000n, await settle(leased(randomUUID(), userId, keyId, 100n, leaseId!, 1_000n)));
    // A window in use passes: the lease keeps its peak and four windows of charges, 1,400 (then idles on).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await lease(leaseId!))?.amount).toBe(1_400n);
    const query = vi.spyOn(reservationPool(), "query");
    // Four requests at once, none settled yet (settlement lags a burst by its gathering window).
    for (let i = 0; i < 4; i++) expect(await holdFromLease(userId, 1_000n)).toBe(leaseId);
    const grants = query.mock.calls.filter(([text]) => typeof text === "string" && /"CreditLease"\.amount \+ g\.amount/.test(text));
    query.mockRestore();
    expect(grants).toHaveLength(1);
    await noDrift(userId);
  });
});
