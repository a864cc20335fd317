// The built-in simulator: an upstream in OpenAI's wire format that needs no network.
// It answers for keyless providers in development, and behind scripts/simulator.ts
// over real HTTP for tests. Directives in the last user message drive failure paths:
//   [[sim:fail=503]]  answer that HTTP status with an OpenAI error body
//   [[sim:hang]]      never answer (until aborted)
//   [[sim:cut=N]]     stream N content chunks, then drop the connection
//   [[sim:no-usage]]  report no usage
//   [[sim:tokens=N]]  generate N completion tokens
//   [[sim:delay=MS]]  wait MS between tokens
//   [[sim:cache=N]]   report N cached prompt tokens
//   [[sim:reason=N]]  think N tokens first (reasoning_content); reasoner models, and requests
//                     with enable_thinking / thinking enabled, think 8 unless told
//   [[sim:keepalive=N]] send N ": keep-alive" comments before a stream (blank lines before JSON),
//                     as DeepSeek does while a request waits
//   [[sim:tool]]      call the request's first tool (its required fields set to "simulated"), unless
//                     the conversation already ends with a tool's result
import { randomUUID } from "node:crypto";
import { estimatePromptTokens, messageText } from "../tokens";
import type { Upstream, UpstreamCall, UpstreamResponse } from "./types";

export type SimDirectives = { fail?: number; hang?: boolean; cut?: number; noUsage?: boolean; tokens?: number; delay?: number; cache?: number; reason?: number; keepalive?: number; tool?: boolean };

const WORDS = (
  "Hello! This is the SIB AI simulator answering locally, because no key is configured for this model's provider. " +
  "Set its API key to reach the real model. Every token you see is streamed and billed like a real one."
).split(/(?=\s)/);
const FILLER = " and so on";
/** How many tokens a reply has unless [[sim:tokens=N]] says otherwise. */
export const DEFAULT_REPLY_TOKENS = WORDS.length;
const encoder = new TextEncoder();

/** The directives found in the request's last user message. */
export function parseDirectives(messages: unknown): SimDirectives {
  const list = Array.isArray(messages) ? messages : [];
  const last = [...list].reverse().find((m) => m && typeof m === "object" && (m as { role?: string }).role === "user");
  const text = last ? messageText(last) : "";
  const out: SimDirectives = {};
  for (const [, name, value] of text.matchAll(/\[\[sim:([a-z-]+)(?:=(\d+))?\]\]/g)) {
    const n = value === undefined ? undefined : Number(value);
    if (name === "fail") out.fail = n ?? 500;
    if (name === "hang") out.hang = true;
    if (name === "cut") out.cut = n ?? 1;
    if (name === "no-usage") out.noUsage = true;
    if (name === "tokens") out.tokens = n;
    if (name === "delay") out.delay = n;
    if (name === "cache") out.cache = n;
    if (name === "reason") out.reason = n ?? 8;
    if (name === "keepalive") out.keepalive = n ?? 1;
    if (name === "tool") out.tool = true;
  }
  return out;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function once(text: string): AsyncIterable<Uint8Array> {
  return (async function* () {
    yield encoder.encode(text);
  })();
}

type ToolCall = { id: string; name: string; args: string[] };
type Reply = { id: string; created: number; model: string; thoughts: string[]; pieces: string[]; call: ToolCall | null; finish: "stop" | "length" | "tool_calls"; usage: Record<string, unknown> | null };

const THOUGHT = " Let me think about this step by step.".split(/(?=\s)/);
const DEFAULT_THOUGHTS = 8;

/** How many tokens the reply thinks first: reasoner models and thinking requests do. */
function thoughtCount(body: Record<string, unknown>, d: SimDirectives): number {
  if (d.reason !== undefined) return d.reason;
  const thinking = body.thinking as { type?: unknown } | undefined;
  const thinks = String(body.model).includes("reasoner") || body.enable_thinking === true || thinking?.type === "enabled";
  return thinks ? DEFAULT_THOUGHTS : 0;
}

/** The call [[sim:tool]] asks for: the first tool, its required fields "simulated", the arguments in three pieces. */
function toolCall(body: Record<string, unknown>, d: SimDirectives): ToolCall | null {
  const tools = Array.isArray(body.tools) ? (body.tools as { function?: { name?: string; parameters?: { required?: string[] } } }[]) : [];
  const messages = Array.isArray(body.messages) ? (body.messages as { role?: string }[]) : [];
  if (!d.tool || !tools[0]?.function?.name || messages.at(-1)?.role === "tool") return null;
  const args = JSON.stringify(Object.fromEntries((tools[0].function.parameters?.required ?? []).map((field) => [field, "simulated"])));
  const third = Math.ceil(args.length / 3);
  return { id: `call_${randomUUID().replace(/-/g, "").slice(0, 24)}`, name: tools[0].function.name, args: [args.slice(0, third), args.slice(third, 2 * third), args.slice(2 * third)] };
}

function plan(body: Record<string, unknown>, d: SimDirectives): Reply {
  const maxTokens = typeof body.max_tokens === "number" ? body.max_tokens : 4096;
  const wanted = d.tokens ?? DEFAULT_REPLY_TOKENS;
  const thinking = Math.min(thoughtCount(body, d), maxTokens);
  const call = toolCall(body, d);
  const count = call ? call.args.length : Math.max(0, Math.min(wanted, maxTokens - thinking));
  const thoughts = Array.from({ length: thinking }, (_, i) => THOUGHT[i % THOUGHT.length]);
  const pieces = call ? [] : Array.from({ length: count }, (_, i) => WORDS[i] ?? FILLER);
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const promptTokens = estimatePromptTokens(messages);
  const cached = Math.min(d.cache ?? 0, promptTokens);
  const usage = d.noUsage
    ? null
    : {
        prompt_tokens: promptTokens,
        completion_tokens: thinking + count,
        total_tokens: promptTokens + thinking + count,
        ...(cached ? { prompt_cache_hit_tokens: cached, prompt_cache_miss_tokens: promptTokens - cached, prompt_tokens_details: { cached_tokens: cached } } : {}),
        ...(thinking ? { completion_tokens_details: { reasoning_tokens: thinking } } : {}),
      };
  const id = `chatcmpl-${randomUUID().replace(/-/g, "")}`;
  const finish = call ? "tool_calls" : count < wanted ? "length" : "stop";
  return { id, created: Math.floor(Date.now() / 1000), model: String(body.model), thoughts, pieces, call, finish, usage };
}

function chunk(r: Reply, delta: Record<string, unknown>, finish: string | null, usage?: unknown): string {
  const choices = finish === "usage" ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finish }];
  const payload = { id: r.id, object: "chat.completion.chunk", created: r.created, model: r.model, system_fingerprint: "simulated", choices, ...(usage !== undefined ? { usage } : {}) };
  return `data: ${JSON.stringify(payload)}\n\n`;
}

async function* streamReply(r: Reply, d: SimDirectives, includeUsage: boolean, delay: number, signal: AbortSignal): AsyncIterable<Uint8Array> {
  const usageField = includeUsage ? null : undefined;
  for (let i = 0; i < (d.keepalive ?? 0); i++) yield encoder.encode(": keep-alive\n\n");
  yield encoder.encode(chunk(r, { role: "assistant", content: r.thoughts.length ? null : "" }, null, usageField));
  for (const thought of r.thoughts) {
    if (delay) await sleep(delay, signal);
    yield encoder.encode(chunk(r, { content: null, reasoning_content: thought }, null, usageField));
  }
  for (let i = 0; i < r.pieces.length; i++) {
    if (d.cut !== undefined && i >= d.cut) throw new Error("simulated connection drop");
    if (delay) await sleep(delay, signal);
    yield encoder.encode(chunk(r, { content: r.pieces[i] }, null, usageField));
  }
  for (const [i, piece] of (r.call?.args ?? []).entries()) {
    if (delay) await sleep(delay, signal);
    const call = i === 0 ? { index: 0, id: r.call!.id, type: "function", function: { name: r.call!.name, arguments: piece } } : { index: 0, function: { arguments: piece } };
    yield encoder.encode(chunk(r, { tool_calls: [call] }, null, usageField));
  }
  yield encoder.encode(chunk(r, {}, r.finish, usageField));
  if (includeUsage && r.usage) yield encoder.encode(chunk(r, {}, "usage", r.usage));
  yield encoder.encode("data: [DONE]\n\n");
}

function toolCalls(r: Reply): { tool_calls?: unknown[] } {
  return r.call ? { tool_calls: [{ id: r.call.id, type: "function", function: { name: r.call.name, arguments: r.call.args.join("") } }] } : {};
}

function completion(r: Reply, d: SimDirectives): string {
  const reasoning = r.thoughts.length ? { reasoning_content: r.thoughts.join("") } : {};
  return "\n".repeat(d.keepalive ?? 0) + JSON.stringify({
    id: r.id,
    object: "chat.completion",
    created: r.created,
    model: r.model,
    system_fingerprint: "simulated",
    choices: [{ index: 0, message: { role: "assistant", content: r.call ? null : r.pieces.join(""), ...reasoning, ...toolCalls(r), refusal: null }, logprobs: null, finish_reason: r.finish }],
    ...(r.usage ? { usage: r.usage } : {}),
  });
}

/** Answer one OpenAI chat request the way an upstream would. */
export async function simulate(body: Record<string, unknown>, signal: AbortSignal, defaultDelayMs: number): Promise<UpstreamResponse> {
  const d = parseDirectives(body.messages);
  const abort = () => undefined;
  if (d.hang) {
    await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
  }
  if (d.fail) {
    const error = { error: { message: `Simulated upstream failure (${d.fail})`, type: "server_error", code: null, param: null } };
    return { status: d.fail, body: once(JSON.stringify(error)), abort };
  }
  const reply = plan(body, d);
  const delay = d.delay ?? defaultDelayMs;
  if (body.stream === true) {
    const options = body.stream_options as { include_usage?: boolean } | undefined;
    return { status: 200, body: streamReply(reply, d, options?.include_usage === true, delay, signal), abort };
  }
  if (d.cut !== undefined) throw new Error("simulated connection drop");
  if (delay) await sleep(Math.min(delay * (reply.thoughts.length + reply.pieces.length), 5_000), signal);
  return { status: 200, body: once(completion(reply, d)), abort };
}

/** The simulator as an upstream for one provider. */
export function simulatorUpstream(provider: string, channel: string, defaultDelayMs: number): Upstream {
  return {
    provider,
    channel,
    simulated: true,
    send: (call: UpstreamCall) => simulate(call.body, call.signal, defaultDelayMs),
  };
}
