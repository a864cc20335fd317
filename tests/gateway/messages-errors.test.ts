// Anthropic's error shape on /v1/messages, each error type caused by a real request on both
// mounts and read by the official SDK: status, error class, type, request_id, and the
// rate-limit headers every answer carries.
import { APIError } from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "../../lib/db";
import { NO_CONTROLS } from "../../lib/keys/controls";
import { setKeyControls } from "../../lib/keys/store";
import { anthropic, catalogChanged, eventually, freshWindow, limitHeaders, MOUNT_NAMES, newAccount, useMounts, type Mount } from "./harness";

const mounts = useMounts();
const hi = [{ role: "user" as const, content: "Hello!" }];

beforeAll(async () => {
  await prisma().model.upsert({
    where: { id: "messages-broken" },
    update: {},
    create: { id: "messages-broken", provider: "no-such-provider", upstreamModel: "x", description: "misconfigured on purpose", inputPrice: 1n, outputPrice: 1n, contextWindow: 1000, maxOutputTokens: 100, sortOrder: 96 },
  });
  await catalogChanged();
});
afterAll(async () => {
  await prisma().model.deleteMany({ where: { id: "messages-broken" } });
});

/** The SDK's error for a call that must fail, checked for Anthropic's body and our headers. */
async function refusal(call: Promise<unknown>, status: number, type: string): Promise<APIError> {
  const err = await call.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(APIError);
  const api = err as APIError;
  expect(api.status, api.message).toBe(status);
  const body = api.error as { type: string; error: { type: string; message: string }; request_id: string } | undefined;
  if (!body) throw new Error(`no error body: ${api.message}`);
  expect(body.type).toBe("error");
  expect(body.error.type).toBe(type);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.request_id).toBe(api.headers?.get("x-request-id"));
  expect(body.request_id).toMatch(/^req_[0-9a-f]{32}$/);
  expect(Number(api.headers?.get("x-ratelimit-limit"))).toBeGreaterThan(0);
  expect(api.headers?.get("x-ratelimit-reset")).not.toBeNull();
  return api;
}

/** The `error` object of Anthropic's body. */
const errorOf = (err: APIError) => (err.error as { error: { type: string; message: string } }).error;

/** POST a raw body to /v1/messages. */
function post(mount: Mount, key: string, body: unknown): Promise<Response> {
  return fetch(`${mount.baseUrl}/v1/messages`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body: JSON.stringify(body) });
}

describe.each(MOUNT_NAMES)("%s", (name) => {
  const mount = () => mounts.named(name);

  it("401 authentication_error: no key, an unknown key by x-api-key or by bearer", async () => {
    await refusal(anthropic(mount(), "sib-not-a-real-key").messages.create({ model: "deepseek-chat", max_tokens: 10, messages: hi }), 401, "authentication_error");
    await refusal(anthropic(mount(), "sib-not-a-real-key", "bearer").messages.countTokens({ model: "deepseek-chat", messages: hi }), 401, "authentication_error");
    const res = await fetch(`${mount().baseUrl}/v1/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    expect(limitHeaders(res).limit).not.toBeNull();
  });

  it("400 invalid_request_error: a missing max_tokens, a bad range, an unsupported block, malformed JSON — each named", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const sdk = anthropic(mount(), key);
    // Sampling fields older clients send (this SDK version no longer has them): Anthropic's ranges.
    const range = await post(mount(), key, { model: "deepseek-chat", max_tokens: 10, temperature: 1.5, messages: hi });
    expect(range.status).toBe(400);
    expect((await range.json()).error).toEqual({ type: "invalid_request_error", message: "temperature: must be between 0 and 1." });
    const doc = await refusal(sdk.messages.create({
      model: "deepseek-chat", max_tokens: 10,
      messages: [{ role: "user", content: [{ type: "document", source: { type: "text", media_type: "text/plain", data: "x" } }] }],
    }), 400, "invalid_request_error");
    expect(errorOf(doc).message).toMatch(/messages\[0\]\.content\[0\]: a "document" block is not supported/);
    const missing = await post(mount(), key, { model: "deepseek-chat", messages: hi });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ type: "invalid_request_error", message: expect.stringMatching(/^max_tokens: /) });
    const malformed = await fetch(`${mount().baseUrl}/v1/messages`, { method: "POST", headers: { "x-api-key": key }, body: "{not json" });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.type).toBe("invalid_request_error");
  });

  it("403 permission_error for a model outside the key's list; 402 billing_error for a spent key limit", async () => {
    const made = await newAccount({ plan: "PRO" });
    expect(await setKeyControls(made.userId, made.keyId, { ...NO_CONTROLS, allowedModels: ["qwen-turbo"], spendLimit: 1n, spendPeriod: "TOTAL" })).toBe(true);
    const client = anthropic(mount(), made.key);
    const denied = await refusal(client.messages.create({ model: "deepseek-chat", max_tokens: 10, messages: hi }), 403, "permission_error");
    expect(errorOf(denied).message).toContain("qwen-turbo");
    const spent = await refusal(client.messages.create({ model: "qwen-turbo", max_tokens: 10, messages: hi }), 402, "billing_error");
    expect(errorOf(spent).message).toMatch(/limit/i);
  });

  it("402 billing_error when the balance cannot cover the hold (Anthropic's status for credit)", async () => {
    const { key, userId } = await newAccount({ credits: 10n });
    await refusal(anthropic(mount(), key).messages.create({ model: "deepseek-chat", max_tokens: 100, messages: hi }), 402, "billing_error");
    const row = await eventually(() => prisma().usageLog.findFirst({ where: { userId } }));
    expect(row).toMatchObject({ api: "messages", status: "error", errorCode: "insufficient_credits", httpStatus: 402, cost: 0n });
  });

  it("404 not_found_error for an unknown model and an unknown path under /v1/messages", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    await refusal(anthropic(mount(), key).messages.create({ model: "gpt-no-such-model", max_tokens: 10, messages: hi }), 404, "not_found_error"); // claude-… names all resolve (the claude-* alias)
    const res = await fetch(`${mount().baseUrl}/v1/messages/batches`, { method: "POST", headers: { "x-api-key": key } });
    expect(res.status).toBe(404);
    expect((await res.json()).error.type).toBe("not_found_error");
  });

  it("429 rate_limit_error with Retry-After: requests per minute, and the minute's tokens spent (403 on chat completions)", async () => {
    await freshWindow();
    const rpm = await newAccount({ plan: "ENTERPRISE", customRpm: 1 });
    await anthropic(mount(), rpm.key).messages.create({ model: "deepseek-chat", max_tokens: 10, messages: hi });
    const refused = await refusal(anthropic(mount(), rpm.key).messages.create({ model: "deepseek-chat", max_tokens: 10, messages: hi }), 429, "rate_limit_error");
    expect(Number(refused.headers?.get("retry-after"))).toBeGreaterThanOrEqual(1);

    // The minute's tokens are counted once a request is settled, off the response path: ask until refused.
    const tpm = anthropic(mount(), (await newAccount({ plan: "ENTERPRISE", customTpm: 50 })).key);
    await tpm.messages.create({ model: "deepseek-chat", max_tokens: 40, messages: hi });
    let refusedByTokens: unknown = null;
    for (let i = 0; i < 100 && !refusedByTokens; i++) {
      await new Promise((r) => setTimeout(r, 20));
      refusedByTokens = await tpm.messages.create({ model: "deepseek-chat", max_tokens: 5, messages: hi }).then(() => null, (e: unknown) => e);
    }
    const spent = await refusal(Promise.reject(refusedByTokens), 429, "rate_limit_error");
    expect(errorOf(spent).message).toMatch(/token/i);
  });

  it("529 overloaded_error when every upstream fails (the SDK and Claude Code retry it), nothing charged", async () => {
    const { key, userId } = await newAccount({ plan: "PRO" });
    const sdk = anthropic(mount(), key);
    await refusal(sdk.messages.create({ model: "deepseek-chat", max_tokens: 10, messages: [{ role: "user", content: "[[sim:fail=503]]" }] }), 529, "overloaded_error");
    await refusal(sdk.messages.stream({ model: "qwen-plus", max_tokens: 10, messages: [{ role: "user", content: "[[sim:fail=500]]" }] }).finalMessage(), 529, "overloaded_error");
    await mount().drain();
    expect((await prisma().user.findUniqueOrThrow({ where: { id: userId } })).balance).toBe(5_000_000_000n);
  });

  it("500 api_error carries the request id, never a stack", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const err = await refusal(anthropic(mount(), key).messages.create({ model: "messages-broken", max_tokens: 10, messages: hi }), 500, "api_error");
    expect(errorOf(err).message).toContain(err.headers?.get("x-request-id"));
    expect(errorOf(err).message).not.toMatch(/at .*\.ts/);
  });

  it("an upstream stream that breaks off ends with Anthropic's error event", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const res = await post(mount(), key, { model: "deepseek-chat", max_tokens: 100, stream: true, messages: [{ role: "user", content: "[[sim:cut=3]]" }] });
    const events = (await res.text()).split("\n\n").filter(Boolean);
    expect(events[0]).toMatch(/^event: message_start\n/);
    expect(events.at(-1)).toMatch(/^event: error\ndata: \{"type":"error","error":\{"type":"overloaded_error","message":"The deepseek-chat stream/);
    const stream = anthropic(mount(), key).messages.stream({ model: "deepseek-chat", max_tokens: 100, messages: [{ role: "user", content: "[[sim:cut=3]]" }] });
    await expect(stream.finalMessage()).rejects.toThrow(/stream/);
  });
});
