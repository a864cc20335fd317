// Each provider's wire format, against its strict fake (tests/fakes): the seed's example
// for all six models, stream and non-stream, through the OpenAI SDK on both mounts, every
// body valid under OpenAI's schemas; thinking, keep-alives, ranges, refusals, dropped fields.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "../../lib/db";
import { schemaErrors } from "./contract";
import { accountAtRest, anthropic, client, eventually, hello, MOUNT_NAMES, newAccount, postChat, useMounts } from "./harness";
import { upstreamRequests } from "./upstream-log";

const mounts = useMounts();
const SIX = ["deepseek-chat", "deepseek-v3", "deepseek-reasoner", "qwen-plus", "qwen-turbo", "glm-4-flash"];
const CHANNEL: Record<string, string> = { deepseek: "env-deepseek", qwen: "env-dashscope", glm: "zhipu-fake" };

/** What the upstream received for the request whose last message carries `marker`. */
async function sent(marker: string): Promise<Record<string, unknown>> {
  return eventually(async () => (await upstreamRequests()).map((r) => r.body).find((b) => JSON.stringify(b.messages).includes(marker)));
}

/** The raw SSE events of a response, as text. */
async function events(res: Response): Promise<string[]> {
  return (await res.text()).split("\n\n").filter(Boolean);
}

describe.each(MOUNT_NAMES)("%s", (mountName) => {
  const mount = () => mounts.named(mountName);

  it.each(SIX)("serves %s from its provider's fake, stream and non-stream, schema-valid", async (model) => {
    const { key, userId } = await newAccount({ plan: "PRO" });
    const sdk = client(mount(), key);
    const response = await sdk.chat.completions.create({ model, messages: hello });
    expect(schemaErrors("CreateChatCompletionResponse", response)).toEqual([]);
    expect(response.model).toBe(model);
    expect(response.choices[0].message.content).toMatch(/simulator/);

    const stream = await sdk.chat.completions.create({ model, messages: hello, stream: true, stream_options: { include_usage: true } });
    let text = "";
    const chunks = [];
    for await (const chunk of stream) {
      chunks.push(chunk);
      expect(schemaErrors("CreateChatCompletionStreamResponse", chunk)).toEqual([]);
      expect(chunk.model).toBe(model);
      text += chunk.choices[0]?.delta?.content ?? "";
    }
    expect(text).toBe(response.choices[0].message.content);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(response.usage?.completion_tokens);
    const rows = await eventually(async () => {
      const found = await prisma().usageLog.findMany({ where: { userId } });
      return found.length === 2 ? found : null;
    });
    expect(rows.map((r) => r.channel)).toEqual([CHANNEL[model.split("-")[0]], CHANNEL[model.split("-")[0]]]);
  });

  it("retired upstream names go out as what replaced them: DeepSeek's V4 Flash without and with thinking, qwen-flash for qwen-turbo", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const cases: [string, Record<string, unknown>, boolean][] = [
      ["deepseek-chat", { model: "deepseek-v4-flash", thinking: { type: "disabled" } }, false],
      ["deepseek-v3", { model: "deepseek-v4-flash", thinking: { type: "disabled" } }, false],
      ["deepseek-reasoner", { model: "deepseek-v4-flash", thinking: { type: "enabled" } }, true],
      ["qwen-turbo", { model: "qwen-flash" }, false],
    ];
    for (const [model, upstream, thinks] of cases) {
      const marker = `${model}-${randomUUID()}`;
      const res = await postChat(mount(), key, { model, messages: [{ role: "user", content: marker }] });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.model).toBe(model);
      expect(Boolean(body.choices[0].message.reasoning_content)).toBe(thinks);
      expect(await sent(marker)).toMatchObject(upstream);
    }
  });

  it("deepseek-reasoner: reasoning passes through, keep-alives are skipped, reasoning tokens are recorded, reasoning sent back is accepted", async () => {
    const { key, userId } = await newAccount({ plan: "PRO" });
    const res = await postChat(mount(), key, { model: "deepseek-reasoner", messages: [{ role: "user", content: "Think [[sim:keepalive=3]]" }] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(schemaErrors("CreateChatCompletionResponse", body)).toEqual([]);
    expect(body.choices[0].message.reasoning_content).toMatch(/think/);
    expect(body.usage.completion_tokens_details.reasoning_tokens).toBe(8);
    const row = await eventually(() => prisma().usageLog.findFirst({ where: { userId } }));
    expect(row).toMatchObject({ reasoningTokens: 8, channel: "env-deepseek", estimated: false });

    const streamed = await events(await postChat(mount(), key, { model: "deepseek-reasoner", messages: [{ role: "user", content: "Think [[sim:keepalive=3]]" }], stream: true }));
    expect(streamed.every((e) => e.startsWith("data: "))).toBe(true);
    const thoughts = streamed.slice(0, -1).map((e) => JSON.parse(e.slice(6))).map((c) => c.choices[0]?.delta?.reasoning_content ?? "").join("");
    expect(thoughts).toBe(body.choices[0].message.reasoning_content);

    // A client that sends the whole last answer back (reasoning_content included): DeepSeek ignores it there, so it goes as sent.
    const marker = `again-${randomUUID()}`;
    const again = await postChat(mount(), key, {
      model: "deepseek-reasoner",
      messages: [{ role: "user", content: "Think" }, { ...body.choices[0].message }, { role: "user", content: marker }],
    });
    expect(again.status).toBe(200);
    expect((await sent(marker)).messages).toContainEqual(expect.objectContaining({ role: "assistant", reasoning_content: body.choices[0].message.reasoning_content }));
  });

  it("deepseek-reasoner: a tool-calling turn's reasoning goes back to DeepSeek, from chat and from Messages' thinking blocks", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const weather = { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } };
    const call = { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } };
    const marker = `tools-${randomUUID()}`;
    const chat = await postChat(mount(), key, {
      model: "deepseek-reasoner", tools: [weather],
      messages: [{ role: "user", content: marker }, { role: "assistant", content: null, reasoning_content: "I should look it up.", tool_calls: [call] }, { role: "tool", tool_call_id: "call_1", content: "-3 °C" }],
    });
    expect(chat.status).toBe(200);
    expect((await sent(marker)).messages).toContainEqual(expect.objectContaining({ role: "assistant", reasoning_content: "I should look it up.", tool_calls: [call] }));

    const viaMessages = `messages-${randomUUID()}`;
    const answer = await anthropic(mount(), key).messages.create({
      model: "deepseek-reasoner", max_tokens: 200,
      tools: [{ name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } } } }],
      messages: [
        { role: "user", content: viaMessages },
        { role: "assistant", content: [{ type: "thinking", thinking: "I should look it up.", signature: "" }, { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Oslo" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "call_1", content: "-3 °C" }] },
      ],
    });
    expect(answer.type).toBe("message");
    expect((await sent(viaMessages)).messages).toContainEqual(expect.objectContaining({ role: "assistant", reasoning_content: "I should look it up.", tool_calls: [call] }));
  });

  it("glm-4-flash: the documented default top_p 1 and a temperature of 2 reach Zhipu inside its ranges", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const marker = `glm-${randomUUID()}`;
    const res = await postChat(mount(), key, { model: "glm-4-flash", messages: [{ role: "user", content: marker }], top_p: 1, temperature: 2, presence_penalty: 1 });
    expect(res.status).toBe(200);
    expect(await sent(marker)).toMatchObject({ top_p: 0.99, temperature: 1 });
    expect(await sent(marker)).not.toHaveProperty("presence_penalty");
  });

  it("glm-4-flash: a content-safety refusal is a 400 that says so", async () => {
    const { key, userId } = await newAccount({ plan: "PRO" });
    const res = await postChat(mount(), key, { model: "glm-4-flash", messages: [{ role: "user", content: "[[fake:unsafe]]" }] });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "invalid_request", message: expect.stringMatching(/content safety/) });
    await mount().drain();
    expect(await prisma().usageLog.count({ where: { userId, status: "ok" } })).toBe(0);
  });

  it("qwen: temperature 2 is clamped into [0, 2); enable_thinking streams reasoning and is refused plainly without a stream", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const marker = `qwen-${randomUUID()}`;
    const res = await postChat(mount(), key, { model: "qwen-plus", messages: [{ role: "user", content: marker }], temperature: 2 });
    expect(res.status).toBe(200);
    expect((await sent(marker)).temperature).toBe(1.99);

    const refused = await postChat(mount(), key, { model: "qwen-plus", messages: hello, enable_thinking: true });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ param: "enable_thinking", message: expect.stringMatching(/stream: true/) });

    const thinking = await client(mount(), key).chat.completions.create({ model: "qwen-plus", messages: hello, stream: true, enable_thinking: true } as never);
    let reasoning = "";
    for await (const chunk of thinking as unknown as AsyncIterable<{ choices: { delta: { reasoning_content?: string } }[] }>) reasoning += chunk.choices[0]?.delta?.reasoning_content ?? "";
    expect(reasoning).toMatch(/think/);
  });

  it.each(["deepseek-chat", "qwen-plus", "glm-4-flash"])("%s: content as text parts (an empty one among them) reaches the provider as one string", async (model) => {
    const { key } = await newAccount({ plan: "PRO" });
    const marker = `parts-${randomUUID()}`;
    const parts = [{ type: "text", text: "Read this: " }, { type: "text", text: "" }, { type: "text", text: marker }];
    const res = await postChat(mount(), key, { model, messages: [{ role: "system", content: [{ type: "text", text: "Be brief." }] }, { role: "user", content: parts }] });
    expect(res.status).toBe(200);
    expect((await sent(marker)).messages).toEqual([{ role: "system", content: "Be brief." }, { role: "user", content: `Read this: ${marker}` }]);
  });

  it("deepseek-chat: an image part is refused before DeepSeek with a 400 naming it, on chat and on Messages, and nothing is charged", async () => {
    const { key, userId } = await newAccount({ plan: "PRO" });
    const before = await accountAtRest(userId);
    const image = { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } };
    const res = await postChat(mount(), key, { model: "deepseek-chat", messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, image] }] });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "invalid_request", param: "messages[0].content[1]", message: expect.stringMatching(/read text only.*image_url/) });

    const refused = await anthropic(mount(), key).messages.create({
      model: "deepseek-chat", max_tokens: 100,
      messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } }] }],
    }).catch((err: Error) => err);
    expect(refused).toMatchObject({ status: 400, error: { type: "error", error: { type: "invalid_request_error", message: expect.stringMatching(/read text only/) } } });
    await mount().drain();
    expect(await accountAtRest(userId)).toEqual(before);
    expect(await prisma().usageLog.count({ where: { userId, status: "ok" } })).toBe(0);
  });

  it("forwards OpenAI's fields and the provider's token-billed extras, drops the rest and names them", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const marker = `fields-${randomUUID()}`;
    const res = await postChat(mount(), key, { model: "qwen-plus", messages: [{ role: "user", content: marker }], enable_search: true, api_key: "sk-x", top_k: 5, seed: 3, n: 2 });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-sib-ignored-params")).toBe("enable_search, api_key, n");
    const upstream = await sent(marker);
    expect(upstream).toMatchObject({ top_k: 5, seed: 3 });
    for (const field of ["enable_search", "api_key", "n"]) expect(upstream).not.toHaveProperty(field);
  });

  it("streams the estimated usage when the client asked for usage and the upstream sent none, equal to what is billed", async () => {
    const { key, userId } = await newAccount({ plan: "PRO" });
    const stream = await client(mount(), key).chat.completions.create({ model: "deepseek-chat", messages: [{ role: "user", content: "[[sim:no-usage]]" }], stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1)!;
    expect(schemaErrors("CreateChatCompletionStreamResponse", last)).toEqual([]);
    expect(last.choices).toEqual([]);
    const row = await eventually(() => prisma().usageLog.findFirst({ where: { userId } }));
    expect(row.estimated).toBe(true);
    expect(last.usage).toEqual({ prompt_tokens: row.promptTokens, completion_tokens: row.completionTokens, total_tokens: row.promptTokens + row.completionTokens });
  });
});
