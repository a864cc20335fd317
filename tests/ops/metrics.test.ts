// GET /metrics after real /v1 traffic: every family is exposed, the token is required,
// and no label carries an account, a key, or anything the client typed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { createChannel, removeChannel } from "../../lib/channels";
import { CHANNEL_NAME } from "../../lib/channels/validate";
import { reloadEnv } from "../../lib/env";
import { seedCatalog } from "../../lib/gateway/catalog";
import { disconnect } from "../../lib/db";
import { closeReadiness } from "../../lib/observability/health";
import { freshWindow, hello, newAccount, postChat, type Mount } from "../gateway/harness";
import { startOpsMount } from "./ops-mount";

const TOKEN = "metrics-token-for-tests-0123456789";
let mount: Awaited<ReturnType<typeof startOpsMount>>;

beforeAll(async () => {
  process.env.METRICS_TOKEN = TOKEN;
  reloadEnv();
  await seedCatalog();
  mount = await startOpsMount();
});

afterAll(async () => {
  await mount.drain();
  await mount.close();
  await closeReadiness();
  await disconnect();
  delete process.env.METRICS_TOKEN;
  delete process.env.METRICS_ENABLED;
  reloadEnv();
});

const asMount = (): Mount => ({ name: "ops", baseUrl: mount.url, drain: mount.drain, close: mount.close });
const scrape = (authorization?: string) => fetch(`${mount.url}/metrics`, { headers: authorization ? { authorization } : {} });

/** Every `name{labels}` sample of the exposition, labels parsed. */
function samples(text: string): { name: string; labels: Record<string, string> }[] {
  return text.split("\n").filter((line) => line && !line.startsWith("#")).map((line) => {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? /.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    return { name: match[1], labels };
  });
}

describe("GET /metrics", () => {
  it("refuses without the token, and with a wrong one", async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Bearer ${"y".repeat(TOKEN.length)}`)).status).toBe(401);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401);
  });

  it("is off (404) when neither METRICS_TOKEN nor METRICS_ENABLED is set, open with METRICS_ENABLED alone", async () => {
    delete process.env.METRICS_TOKEN;
    reloadEnv();
    try {
      expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
      process.env.METRICS_ENABLED = "true";
      reloadEnv();
      expect((await scrape()).status).toBe(200);
    } finally {
      delete process.env.METRICS_ENABLED;
      process.env.METRICS_TOKEN = TOKEN;
      reloadEnv();
    }
  });

  it("exposes every family after a few requests, with only closed-set label values", async () => {
    await freshWindow();
    const account = await newAccount({ customRpm: 4 });
    const openai = new OpenAI({ apiKey: account.key, baseURL: `${mount.url}/v1`, maxRetries: 0 });
    await openai.chat.completions.create({ model: "deepseek-chat", messages: hello });
    const stream = await openai.chat.completions.create({ model: "qwen-turbo", messages: hello, stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) void chunk;
    // What a client typed must not become a label: an unknown model, an odd path, a bad key.
    const typed = await postChat(asMount(), account.key, { model: "customer-typed-model-7f3a", messages: hello });
    expect(typed.status).toBeGreaterThanOrEqual(400);
    await fetch(`${mount.url}/v1/customer-typed-path-9c1e`, { headers: { authorization: `Bearer ${account.key}` } });
    // Anthropic's Messages API, by an alias: counted under api "messages" and the catalog model it maps to.
    const message = await fetch(`${mount.url}/v1/messages`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": account.key }, body: JSON.stringify({ model: "claude-haiku-4-5", max_tokens: 20, messages: hello }) });
    expect(message.status).toBe(200);
    let limited = 0;
    for (let i = 0; i < 12 && limited !== 429; i++) limited = (await postChat(asMount(), account.key, { model: "deepseek-chat", messages: hello })).status;
    expect(limited).toBe(429);
    await fetch(`${mount.url}/v1/models`, { headers: { authorization: "Bearer sib-not-a-real-key-0000000000" } });
    await mount.drain();
    // A channel an operator added (other test files add theirs to the same database meanwhile).
    const added = `ops-extra-${randomUUID().slice(0, 6)}`;
    await createChannel({ name: added, provider: "deepseek", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-ops-extra", models: [{ id: "ops-extra-model", upstream: "ops-extra-model" }], priority: 0, weight: 1, timeoutMs: null }); // a model no test calls

    const res = await scrape(`Bearer ${TOKEN}`).finally(() => removeChannel(added));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const all = samples(text);
    const names = new Set(all.map((s) => s.name));
    for (const family of [
      "sib_requests_total", "sib_gateway_overhead_seconds_bucket", "sib_upstream_time_to_first_token_seconds_bucket",
      "sib_tokens_total", "sib_billed_nanodollars_total", "sib_limit_refusals_total", "sib_settlement_lag_seconds_count",
      "sib_settlement_queue_depth", "sib_holds_open", "sib_credit_leases_open", "sib_channel_up", "sib_db_pool_clients",
      "process_cpu_user_seconds_total", "nodejs_eventloop_lag_seconds", "nodejs_heap_size_used_bytes",
    ]) expect(names, family).toContain(family);

    const find = (name: string, labels: Record<string, string>) => all.some((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    expect(find("sib_requests_total", { api: "chat", model: "deepseek-chat", channel: "env-deepseek", status: "200" })).toBe(true);
    expect(find("sib_requests_total", { api: "chat", model: "qwen-turbo", channel: "env-dashscope", status: "200" })).toBe(true);
    expect(find("sib_requests_total", { api: "chat", status: "429" })).toBe(true);
    expect(find("sib_requests_total", { api: "messages", model: "qwen-turbo", channel: "env-dashscope", status: "200" })).toBe(true);
    expect(find("sib_requests_total", { api: "models", model: "other", channel: "none", status: "401" })).toBe(true);
    expect(find("sib_requests_total", { api: "other", status: "404" })).toBe(true);
    expect(find("sib_upstream_time_to_first_token_seconds_count", { model: "qwen-turbo", channel: "env-dashscope" })).toBe(true);
    expect(find("sib_tokens_total", { model: "deepseek-chat", kind: "completion" })).toBe(true);
    expect(find("sib_limit_refusals_total", { kind: "rpm" })).toBe(true);
    expect(/^sib_channel_up\{channel="zhipu-fake"\} 1$/m.test(text)).toBe(true); // a database channel
    expect(/^sib_channel_up\{channel="env-deepseek"\} 1$/m.test(text)).toBe(true); // the environment's default
    expect(text).toContain(`sib_channel_up{channel="${added}"} 1`);
    expect(text).not.toMatch(/sib_channel_up\{channel="env-zhipu"/); // no key, no simulator in tests: no channel

    const allowed: Record<string, RegExp> = {
      api: /^(chat|messages|models|other)$/,
      model: /^(deepseek-chat|deepseek-v3|deepseek-reasoner|qwen-plus|qwen-turbo|glm-4-flash|other)$/,
      channel: /^(env-deepseek|env-dashscope|zhipu-fake|none)$/,
      status: /^\d{3}$/,
      kind: /^(prompt|completion|cached|rpm|tpm|concurrency)$/,
      pool: /^(main|reservations)$/,
      state: /^(total|idle|waiting)$/,
      le: /^([\d.e+-]+|\+Inf)$/,
    };
    for (const sample of all.filter((s) => s.name.startsWith("sib_"))) {
      for (const [label, value] of Object.entries(sample.labels)) {
        expect(Object.keys(allowed), `${sample.name} has an unexpected label`).toContain(label);
        if (sample.name !== "sib_channel_up") expect(value, `${sample.name} ${label}`).toMatch(allowed[label]);
      }
      if (sample.name === "sib_tokens_total") expect(sample.labels.kind).toMatch(/^(prompt|completion|cached)$/);
      // A channel's state is listed for every channel the operator configured: names they chose, in the channel-name grammar.
      if (sample.name === "sib_channel_up") expect(sample.labels.channel).toMatch(CHANNEL_NAME);
      if (sample.name === "sib_limit_refusals_total") expect(sample.labels.kind).toMatch(/^(rpm|tpm|concurrency)$/);
    }
    for (const secret of [account.key, account.key.slice(4), account.keyId, account.userId, "customer-typed-model-7f3a", "customer-typed-path-9c1e", "sib-not-a-real-key"]) {
      expect(text).not.toContain(secret);
    }
  });
});
