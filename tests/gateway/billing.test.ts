// Billing through the real pipeline: exact costs from usage, estimates when usage is
// missing, cached-token prices, concurrent holds against one balance, disconnects.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REPLY_TOKENS } from "../../lib/gateway/providers/simulator";
import { prisma } from "../../lib/db";
import { findDrift } from "../../lib/billing/ledger";
import { estimatePromptTokens, estimateTokens } from "../../lib/gateway/tokens";
import { endedUpstreamRequest } from "./upstream-log";
import { account, accountAtRest, catalogChanged, client, eventually, hello, newAccount, postChat, useMounts } from "./harness";

const mounts = useMounts();
const FIVE_DOLLARS = 5_000_000_000n;

const mount = () => mounts.all()[0];

beforeAll(async () => {
  await prisma().model.upsert({
    where: { id: "deepseek-cached" },
    update: {},
    create: { id: "deepseek-cached", provider: "deepseek", upstreamModel: "deepseek-chat", description: "cached-price test model", inputPrice: 180n, outputPrice: 360n, cachedInputPrice: 45n, contextWindow: 128_000, maxOutputTokens: 8192, sortOrder: 97 },
  });
  await catalogChanged();
});
afterAll(async () => {
  await prisma().model.deleteMany({ where: { id: "deepseek-cached" } });
});

async function usageRow(userId: string) {
  return eventually(() => prisma().usageLog.findFirst({ where: { userId } }));
}

async function noDrift(userId: string) {
  expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
}

describe("billing", () => {
  it("charges exactly prompt × input price + completion × output price, once, with a ledger row and a usage row", async () => {
    const { key, userId, keyId } = await newAccount();
    const response = await client(mount(), key).chat.completions.create({ model: "deepseek-chat", messages: hello });
    const { prompt_tokens: p, completion_tokens: c } = response.usage!;
    const expected = BigInt(p) * 180n + BigInt(c) * 360n;
    const row = await usageRow(userId);
    expect(row).toMatchObject({ model: "deepseek-chat", provider: "deepseek", promptTokens: p, completionTokens: c, cost: expected, estimated: false, status: "ok", apiKeyId: keyId, stream: false });
    const user = await accountAtRest(userId);
    expect(user.balance).toBe(FIVE_DOLLARS - expected);
    expect(user.held).toBe(0n);
    const entries = await prisma().ledgerEntry.findMany({ where: { userId, kind: "USAGE" } });
    expect(entries.map((e) => e.amount)).toEqual([-expected]);
    expect((await prisma().apiKey.findUniqueOrThrow({ where: { id: keyId } })).lastUsedAt).not.toBeNull();
    const daily = await prisma().usageDaily.findMany({ where: { userId } });
    expect(daily).toMatchObject([{ requests: 1, model: "deepseek-chat", cost: expected }]);
    await noDrift(userId);
  });

  it("bills a stream from the upstream's usage, whether or not the client asked for it", async () => {
    const { key, userId } = await newAccount();
    const stream = await client(mount(), key).chat.completions.create({ model: "qwen-plus", messages: hello, stream: true });
    for await (const chunk of stream) expect(chunk.usage ?? null).toBeNull();
    const row = await usageRow(userId);
    expect(row.estimated).toBe(false);
    expect(row.completionTokens).toBe(DEFAULT_REPLY_TOKENS);
    expect(row.cost).toBe(BigInt(row.promptTokens) * 400n + BigInt(DEFAULT_REPLY_TOKENS) * 1200n);
    expect(row.ttftMs).not.toBeNull();
    expect((await account(userId)).balance).toBe(FIVE_DOLLARS - row.cost);
  });

  it("estimates usage locally, and says so, when the upstream reports none", async () => {
    const { key, userId } = await newAccount();
    const messages = [{ role: "user" as const, content: "Count please [[sim:no-usage]] [[sim:tokens=10]]" }];
    const response = await client(mount(), key).chat.completions.create({ model: "deepseek-chat", messages });
    const text = response.choices[0].message.content!;
    expect(response.usage).toEqual({ prompt_tokens: estimatePromptTokens(messages), completion_tokens: estimateTokens(text), total_tokens: estimatePromptTokens(messages) + estimateTokens(text) });
    const row = await usageRow(userId);
    expect(row.estimated).toBe(true);
    expect(row.cost).toBe(BigInt(row.promptTokens) * 180n + BigInt(row.completionTokens) * 360n);

    const streamed = await newAccount();
    const stream = await client(mount(), streamed.key).chat.completions.create({ model: "deepseek-chat", messages, stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) void chunk;
    const streamRow = await usageRow(streamed.userId);
    expect(streamRow).toMatchObject({ estimated: true, status: "ok", promptTokens: estimatePromptTokens(messages) });
    expect(streamRow.completionTokens).toBeGreaterThan(0);
  });

  it("prices cached prompt tokens at the model's cached-input price", async () => {
    const { key, userId } = await newAccount();
    const messages = [{ role: "user" as const, content: `${"context ".repeat(40)} [[sim:cache=30]]` }];
    const response = await client(mount(), key).chat.completions.create({ model: "deepseek-cached", messages });
    const { prompt_tokens: p, completion_tokens: c } = response.usage!;
    const row = await usageRow(userId);
    expect(row.cachedTokens).toBe(30);
    expect(row.cost).toBe(BigInt(p - 30) * 180n + 30n * 45n + BigInt(c) * 360n);
  });

  it("never lets concurrent requests drive a balance below zero; balance == sum(ledger) after", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", credits: 200_000n, customConcurrent: 50, customRpm: 1000 });
    const body = (stream: boolean) => ({ model: "deepseek-chat", messages: hello, max_tokens: 100, stream });
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => postChat(mounts.all()[i % 2], key, body(i % 3 === 0)).then(async (r) => ({ status: r.status, text: await r.text() }))));
    const ok = results.filter((r) => r.status === 200).length;
    const refused = results.filter((r) => r.status === 402).length;
    expect(ok + refused).toBe(24);
    expect(ok).toBeGreaterThanOrEqual(4);
    expect(refused).toBeGreaterThan(0);
    for (const m of mounts.all()) await m.drain();
    const user = await accountAtRest(userId);
    expect(user.balance).toBeGreaterThanOrEqual(0n);
    expect(user.held).toBe(0n);
    // One billed row per answered request; each refusal is in the request log at cost 0 with its code.
    expect(await prisma().usageLog.count({ where: { userId, status: { not: "error" } } })).toBe(ok);
    expect(await prisma().usageLog.count({ where: { userId, status: "error", errorCode: "insufficient_credits", httpStatus: 402, cost: 0n } })).toBe(refused);
    await noDrift(userId);
  });

  it.each([0, 1])("bills a client that disconnects mid-stream once, for what was generated, and stops the upstream (mount %i)", async (index) => {
    const mount = mounts.all()[index];
    const { key, userId } = await newAccount();
    const controller = new AbortController();
    const marker = `disconnect-${userId}`;
    const res = await postChat(mount, key, { model: "deepseek-chat", messages: [{ role: "user", content: `${marker} [[sim:tokens=400]] [[sim:delay=20]]` }], stream: true }, { signal: controller.signal });
    const reader = res.body!.getReader();
    let received = 0;
    while (received < 5) {
      const { value } = await reader.read();
      received += new TextDecoder().decode(value).split("data: ").length - 1;
    }
    controller.abort();
    const row = await usageRow(userId);
    expect(row.status).toBe("client_closed");
    expect(row.estimated).toBe(true);
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(row.completionTokens).toBeLessThan(100);
    const upstream = await endedUpstreamRequest(marker);
    expect(upstream.outcome).toBe("client_closed");
    expect(await prisma().usageLog.count({ where: { userId } })).toBe(1);
    expect(await prisma().ledgerEntry.count({ where: { userId, kind: "USAGE" } })).toBe(1);
    const user = await accountAtRest(userId);
    expect(user.balance).toBe(FIVE_DOLLARS - row.cost);
    expect(user.held).toBe(0n);
    await noDrift(userId);
  });

  it("bills what arrived when the upstream drops a stream half-way, and tells the client", async () => {
    const { key, userId } = await newAccount();
    const stream = await client(mount(), key).chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: "[[sim:cut=6]]" }], stream: true });
    let text = "";
    await expect((async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    })()).rejects.toThrow(/interrupted upstream/);
    expect(text.length).toBeGreaterThan(0);
    const row = await usageRow(userId);
    expect(row).toMatchObject({ status: "upstream_error", estimated: true, completionTokens: estimateTokens(text) });
    await noDrift(userId);
  });
});
