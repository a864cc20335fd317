// A key's controls through the pipeline, on both mounts: expiry, addresses, models and the
// spend limit each refuse at their point with their own error, the spec's error shape and
// every rate-limit header; a changed control applies on the next request; the spend limit
// holds under 20 concurrent requests and restarts at its period's boundary.
import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { pool, prisma } from "../../lib/db";
import { NO_CONTROLS, type KeyControlsInput } from "../../lib/keys/controls";
import { setKeyControls } from "../../lib/keys/store";
import { prepareChat } from "../../lib/gateway/chat/prepare";
import { client, eventually, hello, announced, limitHeaders, newAccount, postChat, MOUNT_NAMES, useMounts, type Mount } from "./harness";
import { schemaErrors } from "./contract";

const mounts = useMounts();

const RATE_HEADERS = [
  "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
  "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
  "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens",
];

/** A refusal in the spec's shape, with its request id and every rate-limit header. */
async function refusal(res: Response, status: number, code: string) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.error.code).toBe(code);
  expect(schemaErrors("ErrorResponse", body)).toEqual([]);
  expect(limitHeaders(res).requestId).toMatch(/^req_[0-9a-f]{32}$/);
  for (const h of RATE_HEADERS) expect(res.headers.get(h), h).not.toBeNull();
  return body.error as { message: string; param: string | null };
}

async function controlled(controls: Partial<KeyControlsInput>, account: Parameters<typeof newAccount>[0] = { plan: "PRO" }) {
  const made = await newAccount(account);
  expect(await setKeyControls(made.userId, made.keyId, { ...NO_CONTROLS, ...controls })).toBe(true);
  return made;
}

const utcDay = (offsetDays: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays));
};

describe.each(MOUNT_NAMES)("%s", (name) => {
  const mount = (): Mount => mounts.named(name);
  /** The address this mount sees for the test's requests: the peer behind server.ts; unknown behind route handlers alone. */
  const seenAddress = () => (name.startsWith("node") ? "127.0.0.1" : "unknown");

  it("refuses an expired key with 401 invalid_api_key naming the date and where to change it, from the next request on", async () => {
    const { key, userId, keyId } = await newAccount({ plan: "PRO" });
    expect((await postChat(mount(), key, { model: "qwen-turbo", messages: hello })).status).toBe(200);
    const yesterday = utcDay(-1);
    await setKeyControls(userId, keyId, { ...NO_CONTROLS, expiresAt: yesterday });
    await announced();
    const expired = await postChat(mount(), key, { model: "qwen-turbo", messages: hello });
    const error = await refusal(expired.clone(), 401, "invalid_api_key");
    expect(error.message).toBe(`This key expired on ${yesterday.toISOString().slice(0, 10)}; create a new key or change its expiry in the dashboard (Keys → test).`);
    // The owner sees the refused call in the request log, under the key that made it.
    const logged = await eventually(() => prisma().usageLog.findUnique({ where: { requestId: expired.headers.get("x-request-id")! } }));
    expect([logged.userId, logged.apiKeyId, logged.httpStatus, logged.errorCode, logged.cost]).toEqual([userId, keyId, 401, "invalid_api_key", 0n]);
    await refusal(await fetch(`${mount().baseUrl}/v1/models`, { headers: { authorization: `Bearer ${key}` } }), 401, "invalid_api_key");
    await setKeyControls(userId, keyId, { ...NO_CONTROLS, expiresAt: utcDay(2) });
    await announced();
    expect((await postChat(mount(), key, { model: "qwen-turbo", messages: hello })).status).toBe(200);
  });

  it("refuses a call from outside the key's addresses with 403 address_not_allowed_for_key; X-Forwarded-For from an untrusted peer does not help", async () => {
    const { key, userId, keyId } = await controlled({ allowedIps: ["10.0.0.0/8", "2001:db8::/32"] });
    const outside = await postChat(mount(), key, { model: "qwen-turbo", messages: hello }, { headers: { "x-forwarded-for": "10.1.2.3" } });
    const error = await refusal(outside.clone(), 403, "address_not_allowed_for_key");
    expect(error.message).toBe(`This key may not be used from your address (${seenAddress()}). Add it to the key's allowed addresses in the dashboard (Keys → test).`);
    const logged = await eventually(() => prisma().usageLog.findUnique({ where: { requestId: outside.headers.get("x-request-id")! } }));
    expect([logged.apiKeyId, logged.httpStatus, logged.errorCode]).toEqual([keyId, 403, "address_not_allowed_for_key"]);
    await setKeyControls(userId, keyId, { ...NO_CONTROLS, allowedIps: ["127.0.0.1", "::1"] });
    await announced();
    const res = await postChat(mount(), key, { model: "qwen-turbo", messages: hello });
    // Route handlers alone never learn the peer: an address-restricted key stays refused there.
    if (seenAddress() === "unknown") await refusal(res, 403, "address_not_allowed_for_key");
    else expect(res.status).toBe(200);
  });

  it("refuses a model outside the key's list with 403 model_not_allowed_for_key; the official SDK reads the message", async () => {
    const { key } = await controlled({ allowedModels: ["qwen-turbo", "glm-4-flash"] });
    const res = await postChat(mount(), key, { model: "deepseek-chat", messages: hello });
    const error = await refusal(res, 403, "model_not_allowed_for_key");
    expect(error.param).toBe("model");
    // The request log keeps the refusal under the model it asked for.
    const logged = await eventually(() => prisma().usageLog.findUnique({ where: { requestId: res.headers.get("x-request-id")! } }));
    expect([logged.model, logged.httpStatus, logged.errorCode, logged.cost]).toEqual(["deepseek-chat", 403, "model_not_allowed_for_key", 0n]);
    const message = "This key may not call deepseek-chat; it may call glm-4-flash, qwen-turbo. Change its models in the dashboard (Keys → test).";
    expect(error.message).toBe(message);
    const thrown = await client(mount(), key).chat.completions.create({ model: "deepseek-chat", messages: hello }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((thrown as InstanceType<typeof OpenAI.PermissionDeniedError>).message).toContain(message);
    const ok = await client(mount(), key).chat.completions.create({ model: "qwen-turbo", messages: hello });
    expect(ok.choices[0].message.content).toBeTruthy();
  });

  it("lists only the key's models on /v1/models; retrieving another is refused as calling it would be", async () => {
    const { key } = await controlled({ allowedModels: ["qwen-turbo", "glm-4-flash"] });
    const sdk = client(mount(), key);
    expect((await sdk.models.list()).data.map((m) => m.id).sort()).toEqual(["glm-4-flash", "qwen-turbo"]);
    expect((await sdk.models.retrieve("qwen-turbo")).id).toBe("qwen-turbo");
    const get = (id: string) => fetch(`${mount().baseUrl}/v1/models/${id}`, { headers: { authorization: `Bearer ${key}` } });
    const error = await refusal(await get("deepseek-chat"), 403, "model_not_allowed_for_key");
    expect(error.message).toBe("This key may not call deepseek-chat; it may call glm-4-flash, qwen-turbo. Change its models in the dashboard (Keys → test).");
    await refusal(await get("no-such-model"), 404, "model_not_found"); // what does not exist is not found, whatever the key
    // A key without a list sees the whole catalog.
    const open = await newAccount({ plan: "PRO" });
    expect((await client(mount(), open.key).models.list()).data.length).toBeGreaterThan(2);
  });

  it("refuses a request whose hold would pass the key's daily limit with 402 key_spend_limit_reached, not insufficient_credits, and nothing is held", async () => {
    const { key, userId } = await controlled({ spendLimit: 1_000n, spendPeriod: "DAY" });
    const error = await refusal(await postChat(mount(), key, { model: "deepseek-chat", messages: hello }), 402, "key_spend_limit_reached");
    expect(error.message).toBe(
      `This key's spend limit of $0.000001 per day (UTC) is reached (this request's maximum cost would pass it); it resets at ${utcDay(1).toISOString().replace(".000Z", "Z")}. Raise or remove the limit in the dashboard (Keys → test), or lower max_tokens.`,
    );
    expect(await prisma().hold.count({ where: { userId } })).toBe(0);
  });

  it("never lets 20 concurrent requests spend past the key's limit, then restarts at the period's boundary", async () => {
    // Slow answers keep every request in flight together: only three holds fit at once.
    const body = { model: "deepseek-chat", messages: [{ role: "user", content: "[[sim:delay=40]] Hello!" }], max_tokens: 16 };
    const { holdAmount } = await prepareChat(new TextEncoder().encode(JSON.stringify(body)));
    const limit = holdAmount * 3n + holdAmount / 2n;
    const { key, keyId } = await controlled({ spendLimit: limit, spendPeriod: "DAY" }, { plan: "ENTERPRISE", customRpm: 1_000, customConcurrent: 50 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => postChat(mount(), key, body)));
    const statuses = answers.map((r) => r.status);
    const refused = answers.filter((r) => r.status === 402);
    expect(refused.length, statuses.join(",")).toBeGreaterThanOrEqual(10);
    expect(statuses.every((s) => s === 200 || s === 402)).toBe(true);
    for (const r of refused) expect((await r.json()).error.code).toBe("key_spend_limit_reached");
    await Promise.all(answers.filter((r) => r.status === 200).map((r) => r.text()));
    await mount().drain();
    const row = await eventually(async () => {
      const k = await prisma().apiKey.findUniqueOrThrow({ where: { id: keyId } });
      return k.held === 0n ? k : null;
    });
    const billed = await prisma().usageLog.aggregate({ where: { apiKeyId: keyId }, _sum: { cost: true } });
    expect(row.spent).toBe(billed._sum.cost);
    expect(row.spent).toBeGreaterThan(0n);
    expect(row.spent).toBeLessThanOrEqual(limit);

    // Spend the rest so the next hold cannot fit, then move the counter's period back a day: the boundary has passed.
    await pool().query(`UPDATE "ApiKey" SET spent = "spendLimit" WHERE id = $1`, [keyId]);
    await refusal(await postChat(mount(), key, body), 402, "key_spend_limit_reached");
    await pool().query(`UPDATE "ApiKey" SET "spentSince" = "spentSince" - interval '1 day' WHERE id = $1`, [keyId]);
    expect((await postChat(mount(), key, body)).status).toBe(200);
  });

  it("sends OpenAI's x-ratelimit-*-requests and -tokens beside X-RateLimit-*, and the tokens ones say when a tokens-per-minute refusal ends", async () => {
    const { key } = await newAccount({ plan: "ENTERPRISE", customTpm: 50, customRpm: 500 });
    const first = await postChat(mount(), key, { model: "deepseek-chat", messages: hello, max_tokens: 40 });
    expect(first.status).toBe(200);
    await first.text();
    const h = (name: string) => first.headers.get(name);
    expect([h("x-ratelimit-limit-requests"), h("x-ratelimit-remaining-requests")]).toEqual(["500", "499"]);
    expect([h("x-ratelimit-limit"), h("x-ratelimit-remaining")]).toEqual(["500", "499"]);
    expect([h("x-ratelimit-limit-tokens"), h("x-ratelimit-remaining-tokens")]).toEqual(["50", "50"]);
    const duration = /^(\d+ms|(\d+m)?\d+(\.\d+)?s)$/;
    expect(h("x-ratelimit-reset-requests")).toMatch(duration);
    expect(h("x-ratelimit-reset-tokens")).toBe(h("x-ratelimit-reset-requests")); // both windows end on the minute
    let res: Response | undefined;
    for (let i = 0; i < 100 && (!res || res.status === 200); i++) {
      await new Promise((r) => setTimeout(r, 20));
      res = await postChat(mount(), key, { model: "deepseek-chat", messages: hello, max_tokens: 5 });
      if (res.status === 200) await res.text();
    }
    await refusal(res!, 403, "rate_limit_exceeded");
    expect(res!.headers.get("x-ratelimit-remaining-tokens")).toBe("0");
    expect(res!.headers.get("x-ratelimit-limit-tokens")).toBe("50");
    const resetTokens = res!.headers.get("x-ratelimit-reset-tokens")!;
    expect(resetTokens).toMatch(duration);
    const seconds = resetTokens.endsWith("ms") ? Number(resetTokens.slice(0, -2)) / 1000 : Number(resetTokens.replace(/^(\d+)m/, (_, m) => `${Number(m) * 60}+`).split("+").reduce((a, b) => a + Number(b.replace("s", "") || 0), 0));
    expect(seconds).toBeLessThanOrEqual(60);
    expect(Math.ceil(seconds)).toBeLessThanOrEqual(Number(res!.headers.get("retry-after")));
    expect(Math.ceil(seconds)).toBeGreaterThanOrEqual(Number(res!.headers.get("retry-after")) - 1);
  });

  it("keeps every other key of the account free of another key's controls", async () => {
    const { userId } = await controlled({ allowedModels: ["qwen-turbo"], spendLimit: 1n, spendPeriod: "TOTAL", expiresAt: utcDay(-1) });
    const { createApiKey } = await import("../../lib/keys/store");
    const other = await createApiKey(userId, `other-${randomUUID().slice(0, 6)}`);
    expect((await postChat(mount(), other.key, { model: "deepseek-chat", messages: hello })).status).toBe(200);
  });
});
