// An Anthropic Messages request as the chat completion body the pipeline forwards:
// system → a system message; text and image blocks → content parts; tool_use → an
// assistant's tool_calls; tool_result → tool messages; tools, tool_choice, stop_sequences,
// metadata.user_id and thinking → their chat fields. Thinking blocks sent back become the
// assistant's reasoning_content (DeepSeek's thinking mode needs a tool-calling turn's reasoning
// back); redacted thinking is dropped; cache_control is ignored; blocks with no chat equivalent
// (documents, search results, server tools) are refused with a 400 naming them.
import { GatewayError } from "../errors";
import { TRANSLATED_FIELDS, type AnthropicBlock, type AnthropicMessage, type MessagesRequest } from "./schema";

type ChatPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };
type ToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };
type ChatMessage =
  | { role: "system" | "user"; content: string | ChatPart[] }
  | { role: "assistant"; content: string | null; tool_calls?: ToolCall[]; reasoning_content?: string }
  | { role: "tool"; tool_call_id: string; content: string };

/** What the translation made: the chat body, and the request's own fields it did not forward. */
export type Translated = { body: Record<string, unknown>; ignored: string[] };

const refuse = (param: string, what: string): never => {
  throw new GatewayError("invalid_request", `${param}: ${what} is not supported by this gateway (see /docs#claude-code for what is translated).`, param);
};

const str = (v: unknown): string => (typeof v === "string" ? v : "");

function image(block: AnthropicBlock, param: string): ChatPart {
  const source = block.source as { type?: unknown; media_type?: unknown; data?: unknown; url?: unknown } | undefined;
  if (source?.type === "base64" && typeof source.data === "string") return { type: "image_url", image_url: { url: `data:${str(source.media_type)};base64,${source.data}` } };
  if (source?.type === "url" && typeof source.url === "string") return { type: "image_url", image_url: { url: source.url } };
  return refuse(`${param}.source`, `an image source of type "${String(source?.type)}"`);
}

/** A tool result's content as the text of a tool message. */
function resultText(block: AnthropicBlock, param: string): string {
  const { content } = block;
  if (content === undefined) return "";
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return refuse(`${param}.content`, "this content");
  return content.map((part: AnthropicBlock, i: number) => (part?.type === "text" ? str(part.text) : refuse(`${param}.content[${i}]`, `a "${String(part?.type)}" block inside a tool_result`))).join("\n");
}

/** One user message: its tool results first (they answer the previous assistant turn), then its text and images. */
function userMessages(content: AnthropicMessage["content"], param: string): ChatMessage[] {
  if (typeof content === "string") return [{ role: "user", content }];
  const out: ChatMessage[] = [];
  const parts: ChatPart[] = [];
  content.forEach((block, i) => {
    const at = `${param}.content[${i}]`;
    if (block.type === "text") parts.push({ type: "text", text: str(block.text) });
    else if (block.type === "image") parts.push(image(block, at));
    else if (block.type === "tool_result") out.push({ role: "tool", tool_call_id: str(block.tool_use_id), content: (block.is_error === true ? "Error: " : "") + resultText(block, at) });
    else refuse(at, `a "${block.type}" block`);
  });
  if (parts.length) out.push({ role: "user", content: parts.every((p) => p.type === "text") ? parts.map((p) => (p as { text: string }).text).join("\n") : parts });
  return out;
}

function assistantMessage(content: AnthropicMessage["content"], param: string): ChatMessage {
  if (typeof content === "string") return { role: "assistant", content };
  let text = "";
  let reasoning = "";
  const calls: ToolCall[] = [];
  content.forEach((block, i) => {
    if (block.type === "text") text += str(block.text);
    else if (block.type === "thinking") reasoning += str(block.thinking);
    else if (block.type === "tool_use") calls.push({ id: str(block.id), type: "function", function: { name: str(block.name), arguments: JSON.stringify(block.input ?? {}) } });
    else if (block.type !== "redacted_thinking") refuse(`${param}.content[${i}]`, `a "${block.type}" block`);
  });
  const message: ChatMessage = calls.length ? { role: "assistant", content: text || null, tool_calls: calls } : { role: "assistant", content: text };
  return reasoning ? { ...message, reasoning_content: reasoning } : message;
}

function systemText(system: MessagesRequest["system"]): string {
  if (typeof system === "string") return system;
  return (system ?? []).map((block, i) => (block.type === "text" ? str(block.text) : refuse(`system[${i}]`, `a "${block.type}" block`))).join("\n");
}

function tools(request: MessagesRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (request.tools?.length) {
    out.tools = request.tools.map((t, i) => {
      if (t.type !== undefined && t.type !== "custom") refuse(`tools[${i}]`, `the server tool "${t.type}"`);
      return { type: "function", function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: t.input_schema ?? { type: "object", properties: {} } } };
    });
  }
  const choice = request.tool_choice;
  if (choice) {
    if (choice.type === "tool" && !choice.name) refuse("tool_choice.name", "a tool choice without a name");
    out.tool_choice = choice.type === "any" ? "required" : choice.type === "tool" ? { type: "function", function: { name: choice.name } } : choice.type;
    if (choice.disable_parallel_tool_use === true && out.tools) out.parallel_tool_calls = false;
  }
  return out;
}

/** `thinking` enabled → the provider's thinking switch (DashScope's enable_thinking; others drop it and say so). */
function thinking(request: MessagesRequest): Record<string, unknown> {
  const { type, budget_tokens: budget } = request.thinking ?? {};
  if (type !== "enabled" && type !== "adaptive") return {};
  return { enable_thinking: true, ...(budget !== undefined ? { thinking_budget: budget } : {}) };
}

/** Translate a validated Messages request into a chat completion body. */
export function toChat(request: MessagesRequest): Translated {
  const messages: ChatMessage[] = [];
  const system = request.system === undefined ? "" : systemText(request.system);
  if (system) messages.push({ role: "system", content: system });
  request.messages.forEach((m, i) => {
    if (m.role === "user") messages.push(...userMessages(m.content, `messages[${i}]`));
    else messages.push(assistantMessage(m.content, `messages[${i}]`));
  });
  const body: Record<string, unknown> = {
    model: request.model,
    messages,
    ...(request.max_tokens !== undefined ? { max_tokens: request.max_tokens } : {}),
    ...(request.stream !== undefined ? { stream: request.stream } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.top_p !== undefined ? { top_p: request.top_p } : {}),
    ...(request.top_k !== undefined ? { top_k: request.top_k } : {}),
    ...(request.stop_sequences?.length ? { stop: request.stop_sequences } : {}),
    ...(request.metadata?.user_id ? { user: request.metadata.user_id } : {}),
    ...tools(request),
    ...thinking(request),
  };
  return { body, ignored: Object.keys(request).filter((name) => !TRANSLATED_FIELDS.has(name)) };
}

/** Chat field names as the Anthropic client wrote them, for X-Sib-Ignored-Params. */
const CLIENT_NAMES: Record<string, string | null> = { enable_thinking: "thinking", thinking_budget: null, stop: "stop_sequences", user: "metadata.user_id" };

/** The chat fields a provider did not take, named as the Anthropic request named them. */
export function clientNames(chatIgnored: string[]): string[] {
  return chatIgnored.flatMap((name) => {
    const mapped = name in CLIENT_NAMES ? CLIENT_NAMES[name] : name;
    return mapped === null ? [] : [mapped];
  });
}
