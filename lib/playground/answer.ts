// The playground's answer as it streams: reasoning (deepseek-reasoner's `reasoning_content`)
// and content accumulated from chat.completion.chunk deltas, usage from the last chunk.

export type Answer = { content: string; reasoning: string; usage: { prompt_tokens: number; completion_tokens: number } | null };

export const EMPTY_ANSWER: Answer = { content: "", reasoning: "", usage: null };

type Chunk = { choices?: { delta?: { content?: unknown; reasoning_content?: unknown } }[]; usage?: unknown; error?: { message?: string } };

/** The answer after one streamed chunk; throws the stream's error event as an Error. */
export function applyChunk(answer: Answer, chunk: Record<string, unknown>): Answer {
  const c = chunk as Chunk;
  if (c.error) throw new Error(c.error.message ?? "The stream failed.");
  const delta = c.choices?.[0]?.delta;
  const usage = c.usage && typeof c.usage === "object" ? (c.usage as Answer["usage"]) : answer.usage;
  return {
    content: answer.content + (typeof delta?.content === "string" ? delta.content : ""),
    reasoning: answer.reasoning + (typeof delta?.reasoning_content === "string" ? delta.reasoning_content : ""),
    usage,
  };
}
