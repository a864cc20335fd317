// Calling the upstream ahead of the limits and the credit hold (lib/gateway/pipeline.ts callAhead):
// it happens only when this process has seen the key with room (or the limits have already admitted the
// request) and the account with credit; when the limits or the hold refuse after all, the call is
// cancelled, the customer gets the refusal and is not billed, and the next request from that key or
// account waits for the answer first.
// To see the call arrive before the refusal, the test holds the account's row locked, so the hold
// (a new credit lease) waits while the call goes ahead to an upstream that does not answer.
import { randomUUID } from "node:crypto";
import http from "node:http";
import IORedis from "ioredis";
import type pg from "pg";
import { afterAll, describe, expect, it, inject } from "vitest";
import { postEntry } from "../../lib/billing/ledger";
import { pool, prisma } from "../../lib/db";
import { windowIndex } from "../../lib/limits/window";
import { TEST_REDIS_URL } from "../setup/services";
import { accountAtRest, eventually, freshWindow, hello, MOUNT_NAMES, newAccount, postChat, useMounts, type Mount } from "./harness";
import { upstreamRequests } from "./upstream-log";

const mounts = useMounts();
const redis = new IORedis(TEST_REDIS_URL);
afterAll(() => redis.quit());

const CREDITS = 100_000_000_000n; // $100: a lease covers several requests
const hanging = (marker: string) => ({ model: "qwen-turbo", messages: [{ role: "user", content: `[[sim:hang]] ${marker}` }] });
const recorded = async (marker: string) => (await upstreamRequests()).find((r) => JSON.stringify(r.body.messages).includes(marker));

/**
 * An account that made one request here and is at rest again (its idle lease given back, so the
 * next request's hold opens a lease in PostgreSQL).
 */
async function seenAccount(mount: Mount) {
  const account = await newAccount({ credits: CREDITS });
  expect((await postChat(mount, account.key, { model: "qwen-turbo", messages: hello })).status).toBe(200);
  await accountAtRest(account.userId);
  return account;
}

/** Only the first request was charged: one usage entry in the ledger, and the balance is the ledger's sum. */
async function expectBilledOnce(userId: string, balance: bigint): Promise<void> {
  const entries = await prisma().ledgerEntry.findMany({ where: { userId } });
  expect(entries.filter((e) => e.kind === "USAGE")).toHaveLength(1);
  expect(entries.reduce((sum, e) => sum + e.amount, 0n)).toBe(balance);
}

/** A lock on the account's row, in a transaction the test can write in, until `unlock`. */
async function lockAccount(userId: string) {
  const client = await pool().connect();
  await client.query("BEGIN");
  await client.query(`SELECT 1 FROM "User" WHERE id = $1 FOR UPDATE`, [userId]);
  return {
    client,
    unlock: async () => {
      await client.query("COMMIT");
      client.release();
    },
  };
}

/** Hold Redis's writes (every client's; 5 s at most) until the returned function resumes them. */
async function pauseRedisWrites() {
  await redis.call("CLIENT", "PAUSE", "5000", "WRITE");
  return () => redis.call("CLIENT", "UNPAUSE");
}

/**
 * Send a request while the account's row is locked and Redis holds writes, so its hold and its
 * admission wait and its call goes ahead — had the admission answered while the body was still being
 * prepared (a catalog reload, say), this process would know the key's request in flight or its
 * refusal, and not call ahead. `meanwhile` runs once the upstream has the call, with Redis resumed and
 * the account still locked. Check it is refused with `status`
 * and the call cancelled, and that the key's next request is refused without calling ahead.
 */
async function refusedAfterCallingAhead(mount: Mount, key: string, userId: string, status: number, meanwhile: (db: pg.PoolClient) => Promise<void> = async () => undefined) {
  const lock = await lockAccount(userId);
  const resume = await pauseRedisWrites();
  const marker = randomUUID();
  const answer = postChat(mount, key, hanging(marker));
  try {
    expect((await eventually(() => recorded(marker))).outcome).toBe("pending"); // the call went ahead
    await resume();
    await meanwhile(lock.client);
  } finally {
    await resume();
    await lock.unlock();
  }
  expect((await answer).status).toBe(status);
  expect((await eventually(async () => (await recorded(marker))?.outcome !== "pending" && recorded(marker)))!.outcome).toBe("client_closed");
  // Seen refused: the next request waits for the answer, and the upstream never hears of it.
  const again = randomUUID();
  expect((await postChat(mount, key, hanging(again))).status).toBe(status);
  expect(await recorded(again)).toBeUndefined();
}

/** POST a chat body that arrives `delayMs` after the request's headers (its limits are checked meanwhile); resolves with the status. */
function postChatLate(mount: Mount, key: string, body: unknown, delayMs: number): Promise<number> {
  const bytes = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(`${mount.baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(bytes.length), authorization: `Bearer ${key}` },
    }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.flushHeaders();
    setTimeout(() => req.end(bytes), delayMs);
  });
}

describe.each(MOUNT_NAMES)("%s", (name) => {
  const mount = () => mounts.named(name);

  it("calls ahead for a one-at-a-time (Free) key whose limits admitted the request before its body was read", async () => {
    const { key, userId } = await seenAccount(mount()); // Free: one request at a time
    const lock = await lockAccount(userId);
    const marker = randomUUID();
    let answer: Promise<number>;
    try {
      answer = postChatLate(mount(), key, { model: "qwen-turbo", messages: [{ role: "user", content: `hello ${marker}` }] }, 300);
      // The hold waits for the lock; the call has gone ahead all the same.
      expect(await eventually(() => recorded(marker), 5_000)).toBeTruthy();
    } finally {
      await lock.unlock();
    }
    expect(await answer!).toBe(200);
    await accountAtRest(userId);
  });

  it("calls ahead no more requests at once than the key's concurrency: a burst past it is refused without reaching the upstream", async () => {
    const { key } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 3, customRpm: 10_000, credits: CREDITS });
    expect((await postChat(mount(), key, { model: "qwen-turbo", messages: hello })).status).toBe(200); // seen with room
    const marker = randomUUID();
    const slow = (i: number) => ({ model: "qwen-turbo", max_tokens: 5, messages: [{ role: "user", content: `[[sim:delay=40]] ${marker} ${i}` }] });
    const statuses = await Promise.all(Array.from({ length: 16 }, async (_, i) => (await postChat(mount(), key, slow(i))).status));
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    const served = statuses.filter((s) => s === 200).length;
    expect(served).toBeGreaterThanOrEqual(3);
    // Every call the upstream heard of was answered: none was started for a request refused for concurrency.
    const calls = await eventually(async () => {
      const mine = (await upstreamRequests()).filter((r) => JSON.stringify(r.body.messages).includes(marker));
      return mine.every((r) => r.outcome !== "pending") && mine;
    });
    expect(calls.map((c) => c.outcome).filter((o) => o !== "done")).toEqual([]);
    expect(calls).toHaveLength(served);
  });

  it("cancels the call when another instance used up the key's minute meanwhile: 429, nothing billed", async () => {
    await freshWindow(20);
    const { key, keyId, userId } = await seenAccount(mount());
    // Another instance's requests take the rest of the minute (the fixed window's counter, lib/limits/store-scripts.ts).
    await redis.set(`${inject("redisPrefix")}:limits:rpm:${keyId}:${windowIndex(Date.now())}`, "10", "PX", 60_000);
    await refusedAfterCallingAhead(mount(), key, userId, 429);
    const after = await accountAtRest(userId);
    await expectBilledOnce(userId, after.balance);
  });

  it("cancels the call when the account's balance went elsewhere meanwhile: 402, nothing billed", async () => {
    const { key, userId } = await seenAccount(mount());
    // Spent elsewhere meanwhile (here: an operator's deduction) down to less than a request holds.
    await refusedAfterCallingAhead(mount(), key, userId, 402, async (db) => {
      const { rows } = await db.query<{ balance: string }>(`SELECT balance::text FROM "User" WHERE id = $1`, [userId]);
      await postEntry({ userId, kind: "ADJUSTMENT", amount: 1n - BigInt(rows[0].balance), reference: `drain:${randomUUID()}`, description: "test: drained" }, db);
    });
    const after = await accountAtRest(userId);
    expect([after.balance, after.held]).toEqual([1n, 0n]);
    await expectBilledOnce(userId, after.balance);
  });
});
