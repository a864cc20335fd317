// /v1/messages is billed exactly like chat completions: a client that leaves mid-stream pays
// once for what was generated, and concurrent requests against one balance leave
// balance == sum(ledger), with no hold open.
import { describe, expect, it } from "vitest";
import { findDrift } from "../../lib/billing/ledger";
import { prisma } from "../../lib/db";
import { accountAtRest, eventually, newAccount, useMounts } from "./harness";
import { endedUpstreamRequest } from "./upstream-log";

const mounts = useMounts();
const hi = [{ role: "user" as const, content: "Hello!" }];

function postMessages(baseUrl: string, key: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${baseUrl}/v1/messages`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body: JSON.stringify(body), signal });
}

describe("billing of /v1/messages", () => {
  it.each([0, 1])("bills a client that disconnects mid-stream once, for what was generated, and stops the upstream (mount %i)", async (index) => {
    const mount = mounts.all()[index];
    const { key, userId } = await newAccount();
    const controller = new AbortController();
    const marker = `messages-disconnect-${userId}`;
    const res = await postMessages(mount.baseUrl, key, { model: "deepseek-chat", max_tokens: 1000, stream: true, messages: [{ role: "user", content: `${marker} [[sim:tokens=400]] [[sim:delay=20]]` }] }, controller.signal);
    const reader = res.body!.getReader();
    let deltas = 0;
    while (deltas < 5) deltas += new TextDecoder().decode((await reader.read()).value).split("event: content_block_delta").length - 1;
    controller.abort();
    const row = await eventually(() => prisma().usageLog.findFirst({ where: { userId } }));
    expect(row).toMatchObject({ api: "messages", status: "client_closed", estimated: true });
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(row.completionTokens).toBeLessThan(100);
    const upstream = await endedUpstreamRequest(marker);
    expect(upstream.outcome).toBe("client_closed");
    await mount.drain();
    expect(await prisma().usageLog.count({ where: { userId } })).toBe(1);
    expect(await prisma().ledgerEntry.count({ where: { userId, kind: "USAGE" } })).toBe(1);
    const user = await accountAtRest(userId);
    expect(user.balance).toBe(5_000_000_000n - row.cost);
    expect(user.held).toBe(0n);
    expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
  });

  it("never lets concurrent requests drive a balance below zero; balance == sum(ledger) after", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", credits: 200_000n, customConcurrent: 50, customRpm: 1000 });
    const body = (stream: boolean) => ({ model: "deepseek-chat", max_tokens: 100, stream, messages: hi });
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => postMessages(mounts.all()[i % 2].baseUrl, key, body(i % 3 === 0)).then(async (r) => ({ status: r.status, text: await r.text() }))));
    const ok = results.filter((r) => r.status === 200).length;
    const refused = results.filter((r) => r.status === 402).length;
    expect(ok + refused).toBe(24);
    expect(ok).toBeGreaterThanOrEqual(4);
    expect(refused).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 402).every((r) => JSON.parse(r.text).error.type === "billing_error")).toBe(true);
    for (const m of mounts.all()) await m.drain();
    const user = await accountAtRest(userId);
    expect(user.balance).toBeGreaterThanOrEqual(0n);
    expect(user.held).toBe(0n);
    expect(await prisma().usageLog.count({ where: { userId, api: "messages", status: { not: "error" } } })).toBe(ok);
    expect(await prisma().usageLog.count({ where: { userId, api: "messages", status: "error", httpStatus: 402, cost: 0n } })).toBe(refused);
    expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
  });
});
