import { describe, expect, it } from "vitest";
import type { CatalogModel } from "../catalog";
import type { PreparedChat } from "./prepare";
import { generatedText, openStream, relayStream, type StreamEnd } from "./respond-stream";

const encoder = new TextEncoder();
const chunk = (fields: Record<string, unknown>) => ({
  id: "chatcmpl-1", object: "chat.completion.chunk", created: 1, model: "deepseek-chat", system_fingerprint: "fp_1", ...fields,
});
const delta = (content: string, finish: string | null = null) => chunk({ choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: finish }] });

function prepared(id: string, includeUsage: boolean): PreparedChat {
  return { model: { id } as CatalogModel, includeUsage, promptEstimate: 5 } as PreparedChat;
}

/** Relay `events` (each one network chunk) and collect what the client gets, chunk by chunk. */
async function relay(chat: PreparedChat, events: string[]) {
  const sent = events.map((e) => Buffer.from(encoder.encode(e)));
  const upstream = { status: 200, body: (async function* () { yield* sent; })(), abort: () => undefined };
  const opened = await openStream(upstream);
  let end: StreamEnd | undefined;
  const out: Uint8Array[] = [];
  /** How many chunks the client had when the relay asked to end the request's lease. */
  let beforeEndAt = -1;
  const beforeEnd = async () => {
    beforeEndAt = out.length;
  };
  for await (const part of relayStream(chat, { ...opened, response: upstream, signal: new AbortController().signal, beforeEnd, onEnd: (e) => (end = e) })) out.push(part);
  return { sent, out, end: end!, beforeEndAt };
}

const sse = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;

describe("relayStream", () => {
  it("forwards an event that needs no change as the very bytes it came in, and rewrites the rest", async () => {
    const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 };
    const { sent, out, end } = await relay(prepared("deepseek-chat", false), [
      sse(delta("你好")), sse(delta(" world")), sse(delta("", "stop")), sse(chunk({ choices: [], usage })), "data: [DONE]\n\n",
    ]);
    // Unchanged events: the upstream's own bytes, not copies (the same memory).
    for (const i of [0, 1, 2]) {
      expect(out[i]!.buffer).toBe(sent[i]!.buffer);
      expect([out[i]!.byteOffset, out[i]!.byteLength]).toEqual([sent[i]!.byteOffset, sent[i]!.byteLength]);
    }
    // The usage chunk the client did not ask for is dropped; [DONE] ends it, on its own.
    expect(out).toHaveLength(4);
    expect(Buffer.from(out[3]!).toString()).toBe("data: [DONE]\n\n");
    expect(end.status).toBe("ok");
    expect(end.usage).toEqual({ promptTokens: 5, completionTokens: 2, cachedTokens: 0, reasoningTokens: 0 });
    expect(generatedText(end)).toBe("你好 world");
  });

  it("rewrites the model id when the public name differs, and fills what OpenAI's schema requires", async () => {
    const noFingerprint = { ...delta("hi"), system_fingerprint: null };
    const { out } = await relay(prepared("deepseek-v3", true), [sse(delta("a")), sse(noFingerprint), "data: [DONE]\n\n"]);
    const first = JSON.parse(Buffer.from(out[0]!).toString().slice(6)) as Record<string, unknown>;
    expect(first.model).toBe("deepseek-v3");
    const second = JSON.parse(Buffer.from(out[1]!).toString().slice(6)) as Record<string, unknown>;
    expect("system_fingerprint" in second).toBe(false);
    expect(second.model).toBe("deepseek-v3");
  });

  it("estimates CJK output from the decoded text when the upstream sends no usage", async () => {
    const { out, end } = await relay(prepared("deepseek-chat", true), [sse(delta("你好世界")), "data: [DONE]\n\n"]);
    expect(end.usage).toBeNull();
    expect(generatedText(end)).toBe("你好世界");
    const estimate = JSON.parse(Buffer.from(out[1]!).toString().slice(6)) as { usage: { completion_tokens: number } };
    expect(estimate.usage.completion_tokens).toBe(4);
  });

  it("sends the events of one upstream read as one chunk: the read's own bytes when none changes", async () => {
    const read = [sse(delta("a")), sse(delta("b")), sse(delta("", "stop"))].join("");
    const { sent, out } = await relay(prepared("deepseek-chat", false), [sse(delta("first")), read, "data: [DONE]\n\n"]);
    expect(out).toHaveLength(3);
    expect(out[1]!.buffer).toBe(sent[1]!.buffer);
    expect(out[1]!.byteLength).toBe(sent[1]!.byteLength);
    expect(Buffer.from(out[2]!).toString()).toBe("data: [DONE]\n\n");
  });

  it("sends the stream's first event by itself, however many came with it", async () => {
    const events = [sse(delta("a")), sse(delta("b")), sse(delta("", "stop"))];
    const { out } = await relay(prepared("deepseek-chat", false), [events.join(""), "data: [DONE]\n\n"]);
    expect(out.map((o) => Buffer.from(o).toString())).toEqual([events[0], events[1]! + events[2]!, "data: [DONE]\n\n"]);
  });

  it("ends at [DONE] even when it is the first event of a read that carries more", async () => {
    const { out, end } = await relay(prepared("deepseek-chat", false), ['data: [DONE]\n\ndata: {"late":1}\n\n']);
    expect(out.map((o) => Buffer.from(o).toString())).toEqual(["data: [DONE]\n\n"]);
    expect(end.status).toBe("ok");
  });

  it("holds back the read that carries [DONE] until the lease is given back, then sends it with the end", async () => {
    const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 };
    const lastRead = [sse(delta("b", "stop")), sse(chunk({ choices: [], usage })), "data: [DONE]\n\n"].join("");
    const { out, beforeEndAt } = await relay(prepared("deepseek-chat", true), [sse(delta("a")), lastRead]);
    expect(beforeEndAt).toBe(1);
    expect(out.slice(1).map((o) => Buffer.from(o).toString()).join("")).toBe(lastRead);
  });

  it("gives the lease back before an early end's error event too", async () => {
    const { out, end, beforeEndAt } = await relay(prepared("deepseek-chat", false), [sse(delta("a"))]);
    expect(end.status).toBe("upstream_error");
    expect(beforeEndAt).toBe(1);
    expect(Buffer.from(out[1]!).toString()).toMatch(/ended early/);
  });
});
