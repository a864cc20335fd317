// Traces of /v1 requests: off, nothing is loaded or sent; with OTEL_EXPORTER_OTLP_ENDPOINT,
// a root span per request and authenticate, limits, hold, upstream, settle as its children,
// exported over OTLP/HTTP to a collector — with no key or account in any attribute.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { reloadEnv } from "../../lib/env";
import { seedCatalog } from "../../lib/gateway/catalog";
import { disconnect } from "../../lib/db";
import { closeTracing, flushTracing, tracingActive } from "../../lib/observability/tracing";
import { eventually, hello, newAccount } from "../gateway/harness";
import { startOtlpCollector } from "../fakes/otlp-collector";
import { startOpsMount } from "./ops-mount";

let mount: Awaited<ReturnType<typeof startOpsMount>>;
let collector: Awaited<ReturnType<typeof startOtlpCollector>>;

beforeAll(async () => {
  await seedCatalog();
  collector = await startOtlpCollector();
  mount = await startOpsMount();
});

afterAll(async () => {
  await mount.drain();
  await mount.close();
  await closeTracing();
  await collector.close();
  await disconnect();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  reloadEnv();
});

describe("tracing", () => {
  it("is off without OTEL_EXPORTER_OTLP_ENDPOINT: requests load no SDK and send nothing", async () => {
    const { key } = await newAccount();
    const openai = new OpenAI({ apiKey: key, baseURL: `${mount.url}/v1`, maxRetries: 0 });
    await openai.chat.completions.create({ model: "deepseek-chat", messages: hello });
    await mount.drain();
    await flushTracing();
    expect(tracingActive()).toBe(false);
    expect(collector.bodies).toEqual([]);
  });

  it("exports a root span per request with its stages as children, once the endpoint is set", async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = collector.url;
    process.env.OTEL_SERVICE_NAME = "sib-ai-test";
    reloadEnv();
    const account = await newAccount();
    const openai = new OpenAI({ apiKey: account.key, baseURL: `${mount.url}/v1`, maxRetries: 0 });
    await openai.models.list(); // the first traced request loads the SDK
    await eventually(async () => tracingActive(), 5_000);
    const { response } = await openai.chat.completions.create({ model: "qwen-turbo", messages: hello }).withResponse();
    const requestId = response.headers.get("x-request-id");
    await mount.drain();
    await flushTracing();

    const root = await eventually(async () => collector.spans.find((s) => s.attributes["sib.request_id"] === requestId), 5_000);
    expect(root).toMatchObject({
      name: "POST /v1/chat/completions", service: "sib-ai-test",
      attributes: { "http.route": "/v1/chat/completions", "http.response.status_code": 200, "sib.model": "qwen-turbo", "sib.channel": "env-dashscope", "sib.api": "chat" },
    });
    expect(root.parentSpanId ?? "").toBe("");
    const children = collector.spans.filter((s) => s.traceId === root.traceId && s.parentSpanId === root.spanId);
    expect(children.map((s) => s.name).sort()).toEqual(["authenticate", "hold", "limits", "settle", "upstream"]);
    for (const body of collector.bodies) {
      for (const secret of [account.key, account.key.slice(4), account.keyId, account.userId]) expect(body).not.toContain(secret);
    }
  });
});
