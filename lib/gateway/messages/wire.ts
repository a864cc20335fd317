// The parts of Anthropic's response wire format the gateway writes, checked against the
// official SDK's own types (@anthropic-ai/sdk, types only: nothing of it runs here).
import type {
  Message, RawContentBlockDeltaEvent, RawContentBlockStartEvent, RawContentBlockStopEvent, RawMessageStopEvent,
  StopReason, TextBlock, ThinkingBlock, ToolUseBlock, Usage,
} from "@anthropic-ai/sdk/resources/messages";
import type { ErrorType } from "@anthropic-ai/sdk/resources/shared";
import type { Usage as ChatUsage } from "../usage";

export type { ErrorType, RawContentBlockDeltaEvent, RawContentBlockStopEvent, RawMessageStopEvent, StopReason };

export type UsageOut = Pick<Usage, "input_tokens" | "output_tokens" | "cache_creation_input_tokens" | "cache_read_input_tokens">;
export type BlockOut = Pick<TextBlock, "type" | "text"> | Pick<ThinkingBlock, "type" | "thinking" | "signature"> | Pick<ToolUseBlock, "type" | "id" | "name" | "input">;
export type MessageOut = Pick<Message, "id" | "type" | "role" | "model" | "stop_reason" | "stop_sequence"> & { content: BlockOut[]; usage: UsageOut };
export type BlockStart = Pick<RawContentBlockStartEvent, "type" | "index"> & { content_block: BlockOut };
export type MessageDelta = { type: "message_delta"; delta: Pick<Message, "stop_reason" | "stop_sequence">; usage: UsageOut };

/** Anthropic's usage from the billed usage: input_tokens excludes the tokens read from cache. */
export function usageOut(usage: ChatUsage): UsageOut {
  return {
    input_tokens: Math.max(0, usage.promptTokens - usage.cachedTokens),
    output_tokens: usage.completionTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: usage.cachedTokens,
  };
}

/** OpenAI's finish_reason as Anthropic's stop_reason. Which stop sequence matched is not reported upstream, so a stop reads end_turn. */
export function stopReason(finish: unknown): StopReason {
  if (finish === "length") return "max_tokens";
  if (finish === "tool_calls" || finish === "function_call") return "tool_use";
  if (finish === "content_filter") return "refusal";
  return "end_turn";
}

/** The message id of a request: the X-Request-Id's hex with Anthropic's prefix. */
export function messageId(requestId: string): string {
  return `msg_${requestId.replace(/^req_/, "")}`;
}
