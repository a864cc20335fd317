// Anthropic's Messages API on both mounts, with the official @anthropic-ai/sdk as client, for
// all six models against their providers' strict fakes: messages, streams assembled by the
// SDK's stream helper, a tool-use round trip, thinking, count_tokens, aliases, and the API
// recorded in the usage log.
import { describe, expect, it } from "vitest";
import { prisma } from "../../lib/db";
import { randomUUID } from "node:crypto";
import { anthropic, eventually, MOUNT_NAMES, newAccount, useMounts } from "./harness";
import { upstreamRequests } from "./upstream-log";

const mounts = useMounts();
const SIX = ["deepseek-chat", "deepseek-v3", "deepseek-reasoner", "qwen-plus", "qwen-turbo", "glm-4-flash"];
const CHANNEL: Record<string, string> = { deepseek: "env-deepseek", qwen: "env-dashscope", glm: "zhipu-fake" };
const hi = [{ role: "user" as const, content: "Hello! What models are available?" }];
const weather = { name: "get_weather", description: "The weather in a city", input_schema: { type: "object" as const, properties: { city: { type: "string" } }, required: ["city"] } };

/** What the upstream received for the request whose messages carry `marker`. */
async function sent(marker: string): Promise<Record<string, unknown>> {
  return eventually(async () => (await upstreamRequests()).map((r) => r.body).find((b) => JSON.stringify(b.messages).includes(marker)));
}

/** The raw events of a /v1/messages stream: [name, payload] in order. */
async function rawEvents(res: Response): Promise<[string, Record<string, unknown>][]> {
  return (await res.text()).split("\n\n").filter(Boolean).map((e) => {
    const [name, data] = e.split("\n");
    return [name.replace(/^event: /, ""), JSON.parse(data.replace(/^data: /, ""))];
  });
}

describe.each(MOUNT_NAMES)("%s", (mountName) => {
  const mount = () => mounts.named(mountName);

  it.each(SIX)("%s: a message and a stream the SDK assembles agree, and both are billed and logged as messages", async (model) => {
    const { key, userId } = await newAccount({ plan: "PRO" });
    const sdk = anthropic(mount(), key);
    const message = await sdk.messages.create({ model, max_tokens: 200, messages: hi });
    expect(message).toMatchObject({ type: "message", role: "assistant", model, stop_reason: "end_turn", stop_sequence: null });
    expect(message.id).toMatch(/^msg_[0-9a-f]{32}$/);
    const text = message.content.find((b) => b.type === "text");
    expect(text?.type === "text" && text.text).toMatch(/simulator/);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);

    const final = await sdk.messages.stream({ model, max_tokens: 200, messages: hi }).finalMessage();
    expect(final.content).toEqual(message.content.map((b) => (b.type === "thinking" ? { ...b } : b)));
    expect(final.usage).toMatchObject({ input_tokens: message.usage.input_tokens, output_tokens: message.usage.output_tokens });
    expect(final.stop_reason).toBe("end_turn");
    const rows = await eventually(async () => {
      const found = await prisma().usageLog.findMany({ where: { userId } });
      return found.length === 2 ? found : null;
    });
    expect(rows.map((r) => [r.api, r.model, r.channel, r.status])).toEqual(Array(2).fill(["messages", model, CHANNEL[model.split("-")[0]], "ok"]));
  });

  it.each(SIX)("%s: a tool-use round trip — the model calls the tool (streamed), the client sends the tool_result, the model answers", async (model) => {
    const { key } = await newAccount({ plan: "PRO" });
    const sdk = anthropic(mount(), key, "bearer");
    const ask = { role: "user" as const, content: "What is the weather in Paris? [[sim:tool]]" };
    const call = await sdk.messages.stream({ model, max_tokens: 300, tools: [weather], tool_choice: { type: "auto" }, messages: [ask] }).finalMessage();
    expect(call.stop_reason).toBe("tool_use");
    const use = call.content.find((b) => b.type === "tool_use");
    expect(use).toMatchObject({ type: "tool_use", name: "get_weather", input: { city: "simulated" } });
    const id = use?.type === "tool_use" ? use.id : "";
    const answer = await sdk.messages.create({
      model, max_tokens: 300, tools: [weather],
      messages: [ask, { role: "assistant", content: call.content }, { role: "user", content: [{ type: "tool_result", tool_use_id: id, content: "18 °C and sunny" }] }],
    });
    expect(answer.stop_reason).toBe("end_turn");
    expect(answer.content.some((b) => b.type === "text" && /simulator/.test(b.text))).toBe(true);
  });

  it("thinking: deepseek-reasoner's reasoning_content is a thinking block before the text, in a message and in a stream; Qwen thinks when asked", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const sdk = anthropic(mount(), key);
    const message = await sdk.messages.create({ model: "deepseek-reasoner", max_tokens: 500, messages: hi });
    expect(message.content.map((b) => b.type)).toEqual(["thinking", "text"]);
    expect(message.content[0].type === "thinking" && message.content[0].thinking).toMatch(/think/);
    const streamed = await sdk.messages.stream({ model: "deepseek-reasoner", max_tokens: 500, messages: hi }).finalMessage();
    expect(streamed.content).toEqual(message.content);

    const qwen = await sdk.messages.stream({ model: "qwen-plus", max_tokens: 2000, thinking: { type: "enabled", budget_tokens: 1024 }, messages: hi }).finalMessage();
    expect(qwen.content.map((b) => b.type)).toEqual(["thinking", "text"]);
  });

  it("translates every field to what the chat upstream takes, and names what it did not forward", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const marker = `fields-${randomUUID()}`;
    const request = {
      model: "qwen-plus", max_tokens: 100, stream: true, system: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }, { type: "text", text: marker }],
      stop_sequences: ["END"], top_k: 5, top_p: 0.9, metadata: { user_id: "u-1" }, thinking: { type: "enabled", budget_tokens: 64 },
      tools: [weather], tool_choice: { type: "any", disable_parallel_tool_use: true }, service_tier: "auto",
      messages: [
        { role: "user", content: [{ type: "text", text: "Look:" }] },
        { role: "assistant", content: [{ type: "thinking", thinking: "hm", signature: "s" }, { type: "text", text: "Calling." }, { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Oslo" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "call_1", content: [{ type: "text", text: "-3 °C" }] }, { type: "text", text: "And now?" }] },
      ],
    };
    const res = await fetch(`${mount().baseUrl}/v1/messages`, { method: "POST", headers: { "content-type": "application/json", "x-api-key": key }, body: JSON.stringify(request) });
    expect(res.status).toBe(200);
    await res.text();
    expect(res.headers.get("x-sib-ignored-params")).toBe("service_tier");
    expect(await sent(marker)).toMatchObject({
      model: "qwen-plus", max_tokens: 100, stream: true, stop: ["END"], top_k: 5, top_p: 0.9, user: "u-1", enable_thinking: true, thinking_budget: 64,
      tools: [{ type: "function", function: { name: "get_weather", description: weather.description, parameters: weather.input_schema } }],
      tool_choice: "required", parallel_tool_calls: false,
      messages: [
        { role: "system", content: `Be brief.\n${marker}` },
        { role: "user", content: "Look:" },
        { role: "assistant", content: "Calling.", reasoning_content: "hm", tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "-3 °C" },
        { role: "user", content: "And now?" },
      ],
    });

    // An image block becomes an image_url part; qwen-plus reads text only, so DashScope refuses it and the client gets that 400.
    const image = await fetch(`${mount().baseUrl}/v1/messages`, {
      method: "POST", headers: { "content-type": "application/json", "x-api-key": key },
      body: JSON.stringify({ model: "qwen-plus", max_tokens: 50, messages: [{ role: "user", content: [{ type: "text", text: `img-${marker}` }, { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }] }] }),
    });
    expect(image.status).toBe(400);
    expect((await image.json()).error).toMatchObject({ type: "invalid_request_error", message: expect.stringMatching(/Unexpected item type in content/) });
    expect((await sent(`img-${marker}`)).messages).toEqual([{ role: "user", content: [{ type: "text", text: `img-${marker}` }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }] }]);

    // DeepSeek takes neither top_k nor a thinking switch: they are not sent, and the header says so in the request's own names.
    const deepseek = await fetch(`${mount().baseUrl}/v1/messages`, {
      method: "POST", headers: { "content-type": "application/json", "x-api-key": key },
      body: JSON.stringify({ model: "deepseek-chat", max_tokens: 50, top_k: 5, thinking: { type: "enabled", budget_tokens: 64 }, tool_choice: { type: "tool", name: "get_weather" }, tools: [weather], messages: [{ role: "user", content: `ds-${marker}` }] }),
    });
    expect(deepseek.status).toBe(200);
    expect(deepseek.headers.get("x-sib-ignored-params")).toBe("top_k, thinking");
    const ds = await sent(`ds-${marker}`);
    expect(ds).not.toHaveProperty("top_k");
    expect(ds.tool_choice).toEqual({ type: "function", function: { name: "get_weather" } });
  });

  it("streams Anthropic's events in order, with the rate-limit headers", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const res = await fetch(`${mount().baseUrl}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01", "anthropic-beta": "interleaved-thinking-2025-05-14" },
      body: JSON.stringify({ model: "deepseek-reasoner", max_tokens: 500, stream: true, messages: hi }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(Number(res.headers.get("x-ratelimit-limit"))).toBeGreaterThan(0);
    expect(res.headers.get("x-ratelimit-remaining")).not.toBeNull();
    const events = await rawEvents(res);
    const names = events.map(([name]) => name).filter((name, i, all) => name !== all[i - 1]);
    expect(names).toEqual([
      "message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop",
      "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
    ]);
    expect(events.every(([name, data]) => data.type === name)).toBe(true);
    const deltas = events.filter(([name]) => name === "content_block_delta").map(([, d]) => (d.delta as { type: string }).type);
    expect(new Set(deltas)).toEqual(new Set(["thinking_delta", "text_delta"]));
    expect(events.at(-2)?.[1]).toMatchObject({ delta: { stop_reason: "end_turn" }, usage: { output_tokens: expect.any(Number) } });
  });

  it("count_tokens answers the gateway's estimate, which is what the upstream counts for the same prompt", async () => {
    const { key, userId } = await newAccount({ plan: "PRO" });
    const sdk = anthropic(mount(), key);
    const counted = await sdk.messages.countTokens({ model: "qwen-turbo", messages: hi });
    const message = await sdk.messages.create({ model: "qwen-turbo", max_tokens: 50, messages: hi });
    expect(counted.input_tokens).toBe(message.usage.input_tokens);
    const withTools = await sdk.messages.countTokens({ model: "claude-haiku-4-5", tools: [weather], system: "Be brief.", messages: hi });
    expect(withTools.input_tokens).toBeGreaterThan(counted.input_tokens);
    await mount().drain();
    expect(await prisma().usageLog.count({ where: { userId } })).toBe(1); // counting is free and not a request of the log
  });

  it("resolves Claude Code's model names through the catalog's aliases, billed as the model they map to, on both APIs", async () => {
    const { key, userId } = await newAccount({ plan: "PRO" });
    // Claude Code's own request: streamed, with its model's max_tokens (above deepseek-chat's 8192, so lowered to it).
    const message = await anthropic(mount(), key).messages.stream({ model: "claude-sonnet-4-5-20250929", max_tokens: 32000, messages: hi }).finalMessage();
    expect(message.model).toBe("deepseek-chat");
    const chat = await fetch(`${mount().baseUrl}/v1/chat/completions`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: "claude-3-5-haiku-latest", messages: hi }),
    });
    expect((await chat.json()).model).toBe("qwen-turbo");
    const rows = await eventually(async () => {
      const found = await prisma().usageLog.findMany({ where: { userId }, orderBy: { id: "asc" } });
      return found.length === 2 ? found : null;
    });
    expect(rows.map((r) => [r.api, r.model])).toEqual([["messages", "deepseek-chat"], ["chat", "qwen-turbo"]]);
    const catalog = await prisma().model.findUniqueOrThrow({ where: { id: "deepseek-chat" } });
    expect(rows[0].cost).toBe(BigInt(rows[0].promptTokens) * catalog.inputPrice + BigInt(rows[0].completionTokens) * catalog.outputPrice);
  });

  it("answers the Claude names that came out after the catalog's list (claude-* and claude-haiku-* patterns), an exact name first", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const sdk = anthropic(mount(), key);
    for (const [name, model] of [["claude-opus-4-8", "deepseek-chat"], ["claude-sonnet-4-6", "deepseek-chat"], ["claude-haiku-4-7-20261015", "qwen-turbo"], ["claude-3-haiku-20240307", "qwen-turbo"]]) {
      expect((await sdk.messages.create({ model: name, max_tokens: 20, messages: hi })).model).toBe(model);
    }
    expect((await sdk.messages.countTokens({ model: "claude-fable-5", messages: hi })).input_tokens).toBeGreaterThan(0);
    // Not Claude's: still unknown.
    const unknown = await sdk.messages.create({ model: "gpt-5", max_tokens: 20, messages: hi }).catch((err: { status: number }) => err);
    expect(unknown).toMatchObject({ status: 404 });
  });
});
