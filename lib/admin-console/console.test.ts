// The console's library against the real test database: money, audit, suspension, search,
// the request log's keyset pages, model edits and the overview's arithmetic.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { disconnect, pool, prisma } from "../db";
import { createAccount } from "../accounts/create";
import { ledgerHistory } from "../billing/history";
import { findDrift } from "../billing/ledger";
import { signInWithPassword, SUSPENDED } from "../auth/credentials";
import { listSessions, openSession, sessionIsLive } from "../auth/sessions";
import { createApiKey } from "../keys/store";
import { lookupKey } from "../keys/lookup";
import { findModel } from "../gateway/catalog";
import { auditPage } from "../audit/query";
import type { Actor } from "../audit/actor";
import { adjustCredits, CREDIT_DESCRIPTION } from "./credits";
import { setSuspended } from "./account-state";
import { findAccounts } from "./accounts";
import { requestPage } from "./requests";
import { lastRevisions, updateModel } from "./models";
import { overview } from "./overview";
import { addChannel, deleteChannel, setChannelEnabled } from "./channels";

afterAll(disconnect);

const PASSWORD = "console-pass-1";
const actor: Actor = { id: null, label: "test-operator@example.com" };
const email = (label: string) => `console-${label}-${randomUUID()}@example.com`;

async function usageRows(userId: string, apiKeyId: string, rows: { at: Date; status?: string; latencyMs: number; cost: bigint; model?: string }[]) {
  await prisma().usageLog.createMany({
    data: rows.map((r) => ({
      requestId: `req-${randomUUID()}`, userId, apiKeyId, model: r.model ?? "deepseek-chat", provider: "deepseek", promptTokens: 10, completionTokens: 5,
      cost: r.cost, estimated: false, stream: false, status: r.status ?? "ok", httpStatus: r.status && r.status !== "ok" ? 502 : 200, latencyMs: r.latencyMs, createdAt: r.at,
    })),
  });
}

describe("operator credits", () => {
  it("books a grant with the operator and reason on the ledger, a neutral line for the customer, and an audit row", async () => {
    const account = await createAccount({ email: email("grant"), credits: 0n });
    const result = await adjustCredits(actor, account.id, 10_000_000_000n, "refund for ticket #42");
    expect(result).toMatchObject({ kind: "GRANT", balanceBefore: 0n, balanceAfter: 10_000_000_000n });
    const entry = await prisma().ledgerEntry.findUniqueOrThrow({ where: { reference: result.reference } });
    expect(entry).toMatchObject({ description: CREDIT_DESCRIPTION, operatorId: actor.label, note: "refund for ticket #42", amount: 10_000_000_000n });
    const history = await ledgerHistory(account.id);
    expect(history.rows.map((r) => r.description)).toEqual([CREDIT_DESCRIPTION]);
    expect(JSON.stringify(history, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))).not.toContain("ticket #42");
    const { rows } = await auditPage({ targetId: account.id });
    expect(rows.map((r) => [r.actor, r.action, r.reason])).toEqual([[actor.label, "account.grant", "refund for ticket #42"]]);
    expect((await findDrift()).filter((d) => d.userId === account.id)).toEqual([]);
  });

  it("refuses a zero amount and books nothing", async () => {
    const account = await createAccount({ email: email("zero"), credits: 0n });
    await expect(adjustCredits(actor, account.id, 0n, "nothing")).rejects.toThrow(RangeError);
    expect(await prisma().ledgerEntry.count({ where: { userId: account.id } })).toBe(0);
  });
});

describe("the audit log", () => {
  it("is append-only: the database refuses UPDATE and DELETE", async () => {
    const account = await createAccount({ email: email("audit"), credits: 0n });
    await adjustCredits(actor, account.id, 1_000_000_000n, "original reason");
    await expect(pool().query(`UPDATE "AuditLog" SET reason = 'rewritten' WHERE "targetId" = $1`, [account.id])).rejects.toThrow(/append-only/);
    await expect(pool().query(`DELETE FROM "AuditLog" WHERE "targetId" = $1`, [account.id])).rejects.toThrow(/append-only/);
    expect((await auditPage({ targetId: account.id })).rows.map((r) => r.reason)).toEqual(["original reason"]);
  });
});

describe("suspension", () => {
  it("answers the account's cached key with nothing at once, refuses sign-in saying so, and reinstates both", async () => {
    const address = email("suspend");
    const account = await createAccount({ email: address, password: PASSWORD });
    const { key } = await createApiKey(account.id, "k");
    expect(await lookupKey(key)).toMatchObject({ userId: account.id });
    await setSuspended(actor, account.id, true, "chargeback");
    expect(await lookupKey(key)).toBeNull();
    await expect(signInWithPassword(address, PASSWORD, "local")).rejects.toThrow(SUSPENDED);
    await expect(signInWithPassword(address, "wrong-password-9", "local")).rejects.toThrow(/Wrong e-mail or password/);
    await setSuspended(actor, account.id, false);
    expect(await lookupKey(key)).toMatchObject({ userId: account.id });
    await expect(signInWithPassword(address, PASSWORD, "local")).resolves.toMatchObject({ id: account.id });
    expect((await auditPage({ targetId: account.id })).rows.map((r) => [r.action, r.reason])).toEqual([["account.unsuspend", null], ["account.suspend", "chargeback"]]);
  });

  it("signs the account's open browsers out: each session is closed, and reinstating does not reopen them", async () => {
    const account = await createAccount({ email: email("suspend-sessions"), password: PASSWORD });
    const laptop = await openSession(account.id, { userAgent: "laptop" });
    const phone = await openSession(account.id, { userAgent: "phone" });
    const bystander = await createAccount({ email: email("bystander"), password: PASSWORD });
    const theirs = await openSession(bystander.id, { userAgent: "other" });
    await setSuspended(actor, account.id, true, "abuse");
    expect(await sessionIsLive(laptop, account.id)).toBe(false);
    expect(await sessionIsLive(phone, account.id)).toBe(false);
    expect(await listSessions(account.id)).toEqual([]);
    expect(await sessionIsLive(theirs, bystander.id)).toBe(true);
    await setSuspended(actor, account.id, false);
    expect(await sessionIsLive(laptop, account.id)).toBe(false);
  });
});

describe("account search", () => {
  it("finds an account by its key's display prefix, whole key, id, name and part of the e-mail", async () => {
    const address = email("search");
    const name = `Zed ${randomUUID().slice(0, 6)}`;
    const account = await createAccount({ email: address, name });
    const { key, prefix } = await createApiKey(account.id, "k");
    for (const term of [prefix, key, account.id, name, address.slice(0, 30)]) {
      expect((await findAccounts(term)).rows.map((r) => r.email), term).toContain(address);
    }
    expect((await findAccounts(`nobody-${randomUUID()}`)).rows).toEqual([]);
  });
});

describe("the request log", () => {
  it("pages by keyset without gaps or repeats, newest first, and filters by status and model", async () => {
    const account = await createAccount({ email: email("log"), credits: 0n });
    const { id: keyId } = await createApiKey(account.id, "k");
    const base = Date.now() - 60_000;
    await usageRows(account.id, keyId, Array.from({ length: 7 }, (_, i) => ({
      at: new Date(base + i * 1000), latencyMs: 100 + i, cost: 1n, status: i % 3 === 0 ? "upstream_error" : "ok", model: i < 2 ? "qwen-plus" : "deepseek-chat",
    })));
    const seen: number[] = [];
    let before: bigint | null = null;
    do {
      const page: Awaited<ReturnType<typeof requestPage>> = await requestPage({ userId: account.id }, before, 3);
      seen.push(...page.rows.map((r) => r.latencyMs));
      before = page.next;
    } while (before !== null);
    expect(seen).toEqual([106, 105, 104, 103, 102, 101, 100]);
    expect((await requestPage({ userId: account.id, status: "error" })).rows.map((r) => r.latencyMs)).toEqual([106, 103, 100]);
    expect((await requestPage({ userId: account.id, model: "qwen-plus" })).rows.map((r) => r.latencyMs)).toEqual([101, 100]);
    expect((await requestPage({ keyId, since: new Date(base + 5000) })).rows.map((r) => r.latencyMs)).toEqual([106, 105]);
  });
});

describe("model edits", () => {
  it("are seen by the next lookup in this process, audited with the value they replaced", async () => {
    const id = `console-model-${randomUUID().slice(0, 8)}`;
    await prisma().model.create({ data: { id, provider: "deepseek", upstreamModel: "deepseek-chat", description: "t", inputPrice: 180n, outputPrice: 360n, contextWindow: 1000, maxOutputTokens: 100, sortOrder: 99 } });
    try {
      expect((await findModel(id))?.outputPrice).toBe(360n);
      const { before, after } = await updateModel(actor, id, { outputPrice: 900n, inputPrice: 180n });
      expect([before, after]).toEqual([{ outputPrice: 360n }, { outputPrice: 900n }]);
      expect((await findModel(id))?.outputPrice).toBe(900n);
      expect((await lastRevisions()).get(id)).toMatchObject({ actor: actor.label, before: { outputPrice: "360" } });
      await updateModel(actor, id, { enabled: false });
      expect(await findModel(id)).toBeUndefined();
    } finally {
      await prisma().model.delete({ where: { id } });
    }
  });
});

describe("the overview", () => {
  it("counts requests, errors, revenue and latency percentiles of its window only", async () => {
    const account = await createAccount({ email: email("overview"), credits: 0n });
    const { id: keyId } = await createApiKey(account.id, "k");
    // Far in the future, so the window holds these rows only.
    const now = new Date(Date.UTC(2100, 0, 2));
    const inWindow = Array.from({ length: 20 }, (_, i) => ({ at: new Date(now.getTime() - (i + 1) * 600_000), latencyMs: (i + 1) * 10, cost: 1000n, status: i < 2 ? "error" : "ok" }));
    await usageRows(account.id, keyId, [...inWindow, { at: new Date(now.getTime() - 2 * 86_400_000), latencyMs: 5, cost: 7n }]);
    try {
      const o = await overview("24h", now);
      expect(o.total).toMatchObject({ requests: 20, errors: 2, cost: 20_000n, tokens: 300, p50: 110, p95: 200 }); // from 50 ms buckets
      expect(o.buckets.reduce((n, b) => n + b.requests, 0)).toBe(20);
      expect(o.topAccounts).toEqual([{ key: account.id, label: expect.stringContaining("console-overview-"), requests: 20, cost: 20_000n }]);
      expect((await overview("7d", now)).total.requests).toBe(21);
    } finally {
      await prisma().usageLog.deleteMany({ where: { userId: account.id } });
    }
  });
});

describe("channel edits", () => {
  it("are audited with what changed, and the key never appears in the log", async () => {
    const name = `audit-${randomUUID().slice(0, 8)}`;
    const secretKey = `sk-${randomUUID()}`;
    await addChannel(actor, { name, provider: "openai", baseUrl: "http://127.0.0.1:9/v1", apiKey: secretKey, models: [{ id: `${name}-probe` }] });
    await setChannelEnabled(actor, name, false);
    await deleteChannel(actor, name);
    const { rows } = await auditPage({ targetId: name });
    expect(rows.map((r) => r.action)).toEqual(["channel.remove", "channel.disable", "channel.create"]);
    expect(rows[2].after).toMatchObject({ apiKeyHint: secretKey.slice(-4), enabled: true });
    expect(JSON.stringify(rows.map((r) => [r.before, r.after, r.reason]))).not.toContain(secretKey);
  });
});
