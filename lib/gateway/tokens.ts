// Local token counts, for when an upstream gives no usage and for holds.
// estimateTokens approximates BPE tokenizers (CJK ≈ 1 token per character, other text
// ≈ 1 per 4 characters); maxTokensOf is a safe upper bound (one token per UTF-8 byte).

const PER_MESSAGE_OVERHEAD = 4;
const PER_REQUEST_OVERHEAD = 3;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

/** Estimated tokens of a text. */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const cjk = text.match(CJK)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

type MessageLike = { content?: unknown; name?: unknown; tool_calls?: unknown };

/** The text a message contributes to the prompt: string content, text parts, names, tool calls. */
export function messageText(message: MessageLike): string {
  const { content } = message;
  let text = typeof content === "string" ? content : "";
  if (Array.isArray(content)) {
    for (const part of content) if (part && typeof part === "object" && typeof part.text === "string") text += part.text;
  }
  if (typeof message.name === "string") text += message.name;
  if (message.tool_calls) text += JSON.stringify(message.tool_calls);
  return text;
}

/** Estimated prompt tokens of a message list (plus tools, if any). */
export function estimatePromptTokens(messages: MessageLike[], extra = ""): number {
  let total = PER_REQUEST_OVERHEAD + estimateTokens(extra);
  for (const m of messages) total += PER_MESSAGE_OVERHEAD + estimateTokens(messageText(m));
  return total;
}

/** An upper bound of prompt tokens: no tokenizer makes more tokens than UTF-8 bytes. */
export function maxPromptTokens(messages: MessageLike[], extra = ""): number {
  let total = PER_REQUEST_OVERHEAD + Buffer.byteLength(extra);
  for (const m of messages) total += PER_MESSAGE_OVERHEAD + Buffer.byteLength(messageText(m));
  return total;
}
