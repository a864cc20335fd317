// Every error of the spec's table, each caused by a real request, on both mounts:
// status, code, param, the error schema, and the headers every response carries.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../lib/db";
import { revokeApiKey } from "../../lib/keys/store";
import { accountAtRest, catalogChanged, hello, limitHeaders, newAccount, postChat, MOUNT_NAMES, useMounts } from "./harness";
import { schemaErrors } from "./contract";

const mounts = useMounts();
beforeAll(async () => {
  await prisma().model.upsert({
    where: { id: "broken-model" },
    update: {},
    create: { id: "broken-model", provider: "no-such-provider", upstreamModel: "x", description: "misconfigured on purpose", inputPrice: 1n, outputPrice: 1n, contextWindow: 1000, maxOutputTokens: 100, sortOrder: 99 },
  });
  await prisma().model.upsert({
    where: { id: "retired-model" },
    update: {},
    create: { id: "retired-model", provider: "deepseek", upstreamModel: "x", description: "disabled", inputPrice: 1n, outputPrice: 1n, contextWindow: 1000, maxOutputTokens: 100, enabled: false, sortOrder: 98 },
  });
  await prisma().model.upsert({
    where: { id: "glm-unserved" },
    update: {},
    create: { id: "glm-unserved", provider: "zhipu", upstreamModel: "glm-4-air", description: "no channel serves it", inputPrice: 1n, outputPrice: 1n, contextWindow: 128000, maxOutputTokens: 100, sortOrder: 97 },
  });
  await catalogChanged();
});
afterAll(async () => {
  await prisma().model.deleteMany({ where: { id: { in: ["broken-model", "retired-model", "glm-unserved"] } } });
});

async function expectError(res: Response, status: number, code: string, param?: string | null) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.error.code).toBe(code);
  if (param !== undefined) expect(body.error.param).toBe(param);
  expect(schemaErrors("ErrorResponse", body)).toEqual([]);
  const h = limitHeaders(res);
  expect(h.requestId).toMatch(/^req_[0-9a-f]{32}$/);
  expect(Number(h.limit)).toBeGreaterThan(0);
  // The end of the minute window the request was admitted in: an answer that waited on a hanging
  // upstream can arrive after it, so compare with the window's length, not with the answer's time.
  const now = Date.now() / 1000;
  expect(Number(h.reset)).toBeGreaterThan(now - 60);
  expect(Number(h.reset)).toBeLessThanOrEqual(Math.ceil(now) + 60);
  expect(h.remaining).not.toBeNull();
  return body.error as { message: string };
}

describe.each(MOUNT_NAMES)("%s", (name) => {
  const mount = () => mounts.named(name);

  it("400 invalid_request: malformed JSON, bad parameters, oversize body, context window", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const m = mount();
    expect((await expectError(await postChat(m, key, "{not json"), 400, "invalid_request")).message).toMatch(/not valid JSON/);
    // A compressed body is named as such, not reported as JSON garbage (curl --compressed-request, some HTTP clients' gzip option).
    const gzipped = await fetch(`${m.baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip", authorization: `Bearer ${key}` },
      body: gzipSync(JSON.stringify({ model: "deepseek-chat", messages: hello })),
    });
    expect((await expectError(gzipped, 400, "invalid_request")).message).toMatch(/compressed \(Content-Encoding: gzip\).*uncompressed/);
    await expectError(await postChat(m, key, { model: "deepseek-chat" }), 400, "invalid_request", "messages");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: [] }), 400, "invalid_request", "messages");
    await expectError(await postChat(m, key, { messages: hello }), 400, "invalid_request", "model");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: hello, temperature: 2.5 }), 400, "invalid_request", "temperature");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: hello, top_p: -0.1 }), 400, "invalid_request", "top_p");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: hello, presence_penalty: 3 }), 400, "invalid_request", "presence_penalty");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: hello, stop: ["a", "b", "c", "d", "e"] }), 400, "invalid_request", "stop");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: [{ role: "robot", content: "x" }] }), 400, "invalid_request", "messages[0].role");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: hello, max_tokens: 0 }), 400, "invalid_request", "max_tokens");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: hello, max_tokens: 100_000 }), 400, "invalid_request", "max_tokens");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: hello, stream: "yes" }), 400, "invalid_request", "stream");
    const big = { model: "deepseek-chat", messages: [{ role: "user", content: "x".repeat(1024 * 1024) }] };
    expect((await expectError(await postChat(m, key, big), 400, "invalid_request")).message).toMatch(/larger than/);
    const long = { model: "deepseek-chat", messages: [{ role: "user", content: "word ".repeat(100_000) }], max_tokens: 8000 };
    expect((await expectError(await postChat(m, key, long), 400, "invalid_request", "messages")).message).toMatch(/context window/);
  });

  it("401 invalid_api_key: missing, malformed, unknown, revoked, expired", async () => {
    const m = mount();
    expect((await expectError(await postChat(m, null, { model: "deepseek-chat", messages: hello }), 401, "invalid_api_key")).message).toMatch(/Missing API key/);
    await expectError(await postChat(m, "not-a-key", { model: "deepseek-chat", messages: hello }), 401, "invalid_api_key");
    await expectError(await postChat(m, `sib-${"A".repeat(48)}`, { model: "deepseek-chat", messages: hello }), 401, "invalid_api_key");
    const revoked = await newAccount();
    await revokeApiKey(revoked.userId, revoked.keyId);
    await expectError(await postChat(m, revoked.key, { model: "deepseek-chat", messages: hello }), 401, "invalid_api_key");
    const expired = await newAccount();
    await prisma().apiKey.update({ where: { id: expired.keyId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectError(await postChat(m, expired.key, { model: "deepseek-chat", messages: hello }), 401, "invalid_api_key");
    await expectError(await fetch(`${m.baseUrl}/v1/models`), 401, "invalid_api_key");
  });

  it("402 insufficient_credits when the balance cannot cover the hold", async () => {
    const { key, userId } = await newAccount({ credits: 1_000n });
    const error = await expectError(await postChat(mount(), key, { model: "deepseek-chat", messages: hello }), 402, "insufficient_credits");
    expect(error.message).toMatch(/credit balance/);
    expect(await prisma().hold.count({ where: { userId } })).toBe(0);
    expect(await prisma().creditLease.count({ where: { userId } })).toBe(0);
  });

  it("403 rate_limit_exceeded with Retry-After once the minute's token budget is spent", async () => {
    const { key } = await newAccount({ plan: "ENTERPRISE", customTpm: 50 });
    const m = mount();
    expect((await postChat(m, key, { model: "deepseek-chat", messages: hello, max_tokens: 40 })).status).toBe(200);
    let res: Response | undefined;
    for (let i = 0; i < 100 && (!res || res.status === 200); i++) {
      await new Promise((r) => setTimeout(r, 20));
      res = await postChat(m, key, { model: "deepseek-chat", messages: hello, max_tokens: 5 });
    }
    const error = await expectError(res!, 403, "rate_limit_exceeded");
    expect(error.message).toMatch(/token/i);
    expect(Number(res!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("404 for an unknown model id or endpoint, 405 for a wrong method", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const auth = { authorization: `Bearer ${key}` };
    await expectError(await fetch(`${mount().baseUrl}/v1/models/gpt-4`, { headers: auth }), 404, "model_not_found");
    await expectError(await fetch(`${mount().baseUrl}/v1/embeddings`, { headers: auth }), 404, "not_found");
    await expectError(await fetch(`${mount().baseUrl}/v1/chat/completions`, { headers: auth }), 405, "method_not_allowed");
  });

  it("422 invalid_model for an unknown or disabled model", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    await expectError(await postChat(mount(), key, { model: "gpt-4o", messages: hello }), 422, "invalid_model", "model");
    await expectError(await postChat(mount(), key, { model: "retired-model", messages: hello }), 422, "invalid_model", "model");
  });

  it("500 server_error carries the request id, never a stack", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const res = await postChat(mount(), key, { model: "broken-model", messages: hello });
    const error = await expectError(res, 500, "server_error");
    expect(error.message).toContain(res.headers.get("x-request-id")!);
    expect(error.message).not.toMatch(/at .*\.ts/);
  });

  it("503 service_unavailable: upstream down, hanging, or not configured — and nothing is charged", async () => {
    const { key, userId } = await newAccount({ plan: "PRO" });
    const m = mount();
    const say = (text: string) => [{ role: "user", content: text }];
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: say("[[sim:fail=503]]") }), 503, "service_unavailable");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: say("[[sim:fail=500]]"), stream: true }), 503, "service_unavailable");
    await expectError(await postChat(m, key, { model: "deepseek-chat", messages: say("[[sim:hang]]") }), 503, "service_unavailable");
    const error = await expectError(await postChat(m, key, { model: "glm-unserved", messages: hello }), 503, "service_unavailable");
    expect(error.message).toMatch(/ZHIPU_API_KEY/);
    await m.drain();
    const user = await accountAtRest(userId);
    expect(user.held).toBe(0n);
    expect(user.balance).toBe(5_000_000_000n);
    // Nothing billed; each failure is in the request log at cost 0 with its code.
    const rows = await prisma().usageLog.findMany({ where: { userId }, select: { status: true, cost: true, errorCode: true, httpStatus: true } });
    expect(rows).toEqual(Array(4).fill({ status: "error", cost: 0n, errorCode: "service_unavailable", httpStatus: 503 }));
  });
});
