// Small steps adaptors are made of, and the error classes every provider shares.
import type { ErrorKind, UpstreamError } from "./types";

/** Clamp a numeric field into [min, max] when present. */
export function clamp(body: Record<string, unknown>, field: string, min: number, max: number): void {
  const value = body[field];
  if (typeof value === "number") body[field] = Math.min(max, Math.max(min, value));
}

/** Remove fields the provider does not document. */
export function drop(body: Record<string, unknown>, ...fields: string[]): void {
  for (const field of fields) delete body[field];
}

/** Model names a provider has retired, each with the fields that ask for the same model now. */
export type Retired = Record<string, Record<string, unknown>>;

/** Send a retired model name as what replaced it (the catalog and channels may keep the old name). */
export function replaceRetired(body: Record<string, unknown>, retired: Retired): void {
  const current = retired[String(body.model)];
  if (current) Object.assign(body, current);
}

/** Where a message's content holds a part that is not text: `messages[i].content[j]` and the part's type. */
export type NonTextPart = { param: string; type: string };

const isTextPart = (part: unknown): part is { text: string } =>
  !!part && typeof part === "object" && (part as { type?: unknown }).type === "text" && typeof (part as { text?: unknown }).text === "string";

/**
 * Make each message whose content is an array of text parts carry one string instead (the parts'
 * texts run together, as LiteLLM's handle_messages_with_content_list_to_str_conversion does).
 * Messages with any other part are left as they are; the first such part is returned.
 */
export function joinTextParts(body: Record<string, unknown>): NonTextPart | null {
  const messages = body.messages;
  if (!Array.isArray(messages)) return null;
  let first: NonTextPart | null = null;
  let joined: unknown[] | null = null; // a copy, made at the first change (the body's messages are shared across channels)
  messages.forEach((m: unknown, i) => {
    const content = m && typeof m === "object" ? (m as { content?: unknown }).content : undefined;
    if (!Array.isArray(content)) return;
    const other = content.findIndex((part) => !isTextPart(part));
    if (other === -1) {
      joined ??= [...messages];
      joined[i] = { ...(m as object), content: content.map((part: { text: string }) => part.text).join("") };
    } else {
      first ??= { param: `messages[${i}].content[${other}]`, type: String((content[other] as { type?: unknown })?.type) };
    }
  });
  if (joined) body.messages = joined;
  return first;
}

/** The classes by HTTP status alone (OpenAI's convention, which all three follow for these), and OpenAI's model_not_found code. */
export function classifyByStatus(error: UpstreamError): ErrorKind {
  if (error.code === "model_not_found") return "model";
  if (error.status === 401 || error.status === 402 || error.status === 403) return "account";
  if (error.status === 400 || error.status === 413 || error.status === 422) return "client";
  return "retry";
}
