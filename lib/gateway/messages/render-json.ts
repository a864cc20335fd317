// A chat completion (already normalised and billed by chat/respond-json.ts) as an
// Anthropic message: thinking, text and tool_use blocks, stop_reason, usage.
import type { JsonResult } from "../chat/respond-json";
import type { PreparedChat } from "../chat/prepare";
import { messageId, stopReason, usageOut, type BlockOut, type MessageOut } from "./wire";

type ChatChoice = {
  finish_reason?: unknown;
  message?: { content?: unknown; reasoning_content?: unknown; tool_calls?: { id?: unknown; function?: { name?: unknown; arguments?: unknown } }[] };
};

/** A tool call's arguments as the object Anthropic's `input` is; text that is not a JSON object becomes {}. */
export function toolInput(args: unknown): unknown {
  try {
    const parsed: unknown = JSON.parse(typeof args === "string" && args.trim() ? args : "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** The Anthropic message body for a completed chat request. */
export function renderMessage(prepared: PreparedChat, result: JsonResult, requestId: string): string {
  const completion = JSON.parse(result.body) as { choices?: ChatChoice[] };
  const choice = completion.choices?.[0] ?? {};
  const m = choice.message ?? {};
  const content: BlockOut[] = [];
  if (typeof m.reasoning_content === "string" && m.reasoning_content) content.push({ type: "thinking", thinking: m.reasoning_content, signature: "" });
  if (typeof m.content === "string" && m.content) content.push({ type: "text", text: m.content });
  for (const call of m.tool_calls ?? []) {
    content.push({ type: "tool_use", id: String(call.id ?? ""), name: String(call.function?.name ?? ""), input: toolInput(call.function?.arguments) });
  }
  const message: MessageOut = {
    id: messageId(requestId), type: "message", role: "assistant", model: prepared.model.id, content,
    stop_reason: m.tool_calls?.length ? "tool_use" : stopReason(choice.finish_reason), stop_sequence: null, usage: usageOut(result.usage),
  };
  return JSON.stringify(message);
}
