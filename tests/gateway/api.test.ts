// The seed's examples against both mounts, with the official OpenAI SDK, and every
// success body checked against OpenAI's own schemas.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { DEFAULT_REPLY_TOKENS } from "../../lib/gateway/providers/simulator";
import { client, hello, MOUNT_NAMES, newAccount, postChat, useMounts } from "./harness";
import { schemaErrors } from "./contract";
import { upstreamRequests } from "./upstream-log";

const mounts = useMounts();

describe.each(MOUNT_NAMES)("%s", (name) => {
  const mount = () => mounts.named(name);

  it("answers the seed's Node example (non-stream) with a schema-valid completion", async () => {
    const { key } = await newAccount();
    const response = await client(mount(), key).chat.completions.create({ model: "deepseek-chat", messages: hello });
    expect(response.choices[0].message.content).toMatch(/simulator/);
    expect(response.model).toBe("deepseek-chat");
    expect(response.usage?.total_tokens).toBe((response.usage?.prompt_tokens ?? 0) + (response.usage?.completion_tokens ?? 0));
    expect(schemaErrors("CreateChatCompletionResponse", response)).toEqual([]);
  });

  it("streams chunk by chunk, ends with [DONE], and sends usage only when asked", async () => {
    const { key } = await newAccount();
    const sdk = client(mount(), key);
    const stream = await sdk.chat.completions.create({ model: "qwen-turbo", messages: hello, stream: true });
    let text = "";
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      expect(schemaErrors("CreateChatCompletionStreamResponse", chunk)).toEqual([]);
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(text).toMatch(/simulator/);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((c) => c.choices.length === 1 && !c.usage)).toBe(true);
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe("stop");

    const withUsage = await sdk.chat.completions.create({ model: "qwen-turbo", messages: hello, stream: true, stream_options: { include_usage: true } });
    const all = [];
    for await (const chunk of withUsage) all.push(chunk);
    const last = all.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage?.completion_tokens).toBe(DEFAULT_REPLY_TOKENS);
    expect(schemaErrors("CreateChatCompletionStreamResponse", last)).toEqual([]);
  });

  it("writes the raw SSE wire format of the seed", async () => {
    const { key } = await newAccount();
    const res = await postChat(mount(), key, { model: "deepseek-chat", messages: hello, stream: true });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const text = await res.text();
    const events = text.split("\n\n").filter(Boolean);
    expect(events.every((e) => e.startsWith("data: "))).toBe(true);
    expect(events.at(-1)).toBe("data: [DONE]");
    expect(JSON.parse(events[0].slice(6)).object).toBe("chat.completion.chunk");
  });

  it("lists the catalog's models and one model, in OpenAI's format", async () => {
    const { key } = await newAccount();
    const sdk = client(mount(), key);
    const list = await sdk.models.list();
    expect(list.data.map((m) => m.id).slice(0, 6)).toEqual(["deepseek-chat", "deepseek-v3", "deepseek-reasoner", "qwen-plus", "qwen-turbo", "glm-4-flash"]);
    expect(list.data.find((m) => m.id === "qwen-plus")?.owned_by).toBe("dashscope");
    const res = await fetch(`${mount().baseUrl}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    expect(schemaErrors("ListModelsResponse", await res.json())).toEqual([]);
    const one = await sdk.models.retrieve("glm-4-flash");
    expect(schemaErrors("Model", one)).toEqual([]);
    expect(one.owned_by).toBe("zhipu");
  });

  it("maps a public id to its upstream model and back (deepseek-v3 → deepseek-chat upstream)", async () => {
    const { key } = await newAccount();
    const sdk = client(mount(), key);
    const response = await sdk.chat.completions.create({ model: "deepseek-v3", messages: hello });
    expect(response.model).toBe("deepseek-v3");
    const stream = await sdk.chat.completions.create({ model: "deepseek-v3", messages: hello, stream: true });
    for await (const chunk of stream) expect(chunk.model).toBe("deepseek-v3");
  });

  it("applies the documented defaults and passes other OpenAI fields upstream untouched", async () => {
    const { key } = await newAccount();
    const body = {
      model: "qwen-plus", messages: hello, seed: 7, user: "u-1", response_format: { type: "json_object" },
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object", properties: {} } } }], tool_choice: "auto",
    };
    const res = await postChat(mount(), key, body);
    expect(res.status).toBe(200);
    const sent = (await upstreamRequests()).map((r) => r.body).find((b) => b.seed === 7 && b.user === "u-1");
    expect(sent).toMatchObject({
      model: "qwen-plus", temperature: 0.7, top_p: 1, frequency_penalty: 0, presence_penalty: 0, max_tokens: 4096,
      response_format: { type: "json_object" }, tool_choice: "auto", stream: false,
    });
    expect(sent?.tools).toEqual(body.tools);
  });

  it("runs the seed's curl example unchanged but for the base URL", async () => {
    const { key } = await newAccount();
    const { stdout } = await promisify(execFile)("curl", [
      "-s", `${mount().baseUrl}/v1/chat/completions`,
      "-H", `Authorization: Bearer ${key}`,
      "-H", "Content-Type: application/json",
      "-d", JSON.stringify({ model: "deepseek-chat", messages: [{ role: "user", content: "Hello! What models are available?" }] }),
    ]);
    const body = JSON.parse(stdout);
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0].message.role).toBe("assistant");
  });
});
