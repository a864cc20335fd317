// A relayed chat stream (chat/respond-stream.ts: billed there, usage always in its last
// chunk) as Anthropic's events, each written as it arrives: message_start and a ping, then
// per block content_block_start, content_block_delta (thinking_delta, text_delta,
// input_json_delta) and content_block_stop, then message_delta (stop_reason, usage) and
// message_stop; an error mid-stream is an `error` event.
import type { PreparedChat } from "../chat/prepare";
import { readUsage, type Usage } from "../usage";
import { anthropicError } from "./errors";
import {
  messageId, stopReason, usageOut, type BlockStart, type MessageDelta, type MessageOut, type RawContentBlockDeltaEvent,
  type RawContentBlockStopEvent, type RawMessageStopEvent, type StopReason,
} from "./wire";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

type Delta = { content?: unknown; reasoning_content?: unknown; tool_calls?: { index?: number; id?: unknown; function?: { name?: unknown; arguments?: unknown } }[] };
type Chunk = { choices?: { delta?: Delta; finish_reason?: unknown }[]; usage?: unknown; error?: { code?: unknown; message?: unknown } };
type Kind = "thinking" | "text" | `tool:${number}`;

function event(name: string, payload: object): Uint8Array {
  return encoder.encode(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
}

/** The relayed chat stream's events, one by one (a chunk carries those of one upstream read). */
async function* chatEvents(chat: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  for await (const bytes of chat) {
    for (const event of decoder.decode(bytes).split("\n\n")) if (event) yield event;
  }
}

/** The Anthropic event stream for a relayed chat stream. */
export async function* renderStream(prepared: PreparedChat, chat: AsyncIterable<Uint8Array>, requestId: string): AsyncGenerator<Uint8Array> {
  let index = -1;
  let open: Kind | null = null;
  let stop: StopReason | null = null;
  let usage: Usage | null = null;
  const toolBlocks = new Map<number, number>(); // the chat tool call's index → its block's index

  function* close(): Generator<Uint8Array> {
    if (open === null) return;
    open = null;
    yield event("content_block_stop", { type: "content_block_stop", index } satisfies RawContentBlockStopEvent);
  }
  function* start(kind: Kind, block: BlockStart["content_block"]): Generator<Uint8Array> {
    yield* close();
    open = kind;
    index++;
    yield event("content_block_start", { type: "content_block_start", index, content_block: block } satisfies BlockStart);
  }
  const delta = (at: number, d: RawContentBlockDeltaEvent["delta"]) => event("content_block_delta", { type: "content_block_delta", index: at, delta: d } satisfies RawContentBlockDeltaEvent);

  const message: MessageOut = {
    id: messageId(requestId), type: "message", role: "assistant", model: prepared.model.id, content: [],
    stop_reason: null, stop_sequence: null, usage: { input_tokens: prepared.promptEstimate, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
  yield event("message_start", { type: "message_start", message });
  yield event("ping", { type: "ping" });

  for await (const text of chatEvents(chat)) {
    const data = text.slice(text.indexOf("data: ") + 6).trimEnd();
    if (data === "[DONE]") break;
    const chunk = JSON.parse(data) as Chunk;
    if (chunk.error) {
      yield* close();
      yield event("error", anthropicError(String(chunk.error.code), String(chunk.error.message), requestId));
      return;
    }
    usage = readUsage(chunk.usage) ?? usage;
    const choice = chunk.choices?.[0];
    const d = choice?.delta ?? {};
    if (typeof d.reasoning_content === "string" && d.reasoning_content) {
      if (open !== "thinking") yield* start("thinking", { type: "thinking", thinking: "", signature: "" });
      yield delta(index, { type: "thinking_delta", thinking: d.reasoning_content });
    }
    if (typeof d.content === "string" && d.content) {
      if (open !== "text") yield* start("text", { type: "text", text: "" });
      yield delta(index, { type: "text_delta", text: d.content });
    }
    for (const call of d.tool_calls ?? []) {
      const at = call.index ?? 0;
      if (!toolBlocks.has(at)) {
        yield* start(`tool:${at}`, { type: "tool_use", id: String(call.id ?? ""), name: String(call.function?.name ?? ""), input: {} });
        toolBlocks.set(at, index);
      }
      const args = call.function?.arguments;
      if (typeof args === "string" && args) yield delta(toolBlocks.get(at)!, { type: "input_json_delta", partial_json: args });
    }
    if (choice?.finish_reason) stop = toolBlocks.size ? "tool_use" : stopReason(choice.finish_reason);
  }
  yield* close();
  const final: MessageDelta = {
    type: "message_delta",
    delta: { stop_reason: stop ?? (toolBlocks.size ? "tool_use" : "end_turn"), stop_sequence: null },
    usage: usage ? usageOut(usage) : { input_tokens: prepared.promptEstimate, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
  yield event("message_delta", final);
  yield event("message_stop", { type: "message_stop" } satisfies RawMessageStopEvent);
}
