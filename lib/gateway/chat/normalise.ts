// Make what a provider sent valid under OpenAI's schemas, changing exactly what they
// require and nothing else: providers omit `object`, `logprobs`, `refusal` or (Zhipu, in
// stream chunks) `finish_reason`, and send `system_fingerprint: null` (DashScope) where
// OpenAI has a string. Every other field of the upstream's body is kept.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function common(body: Json, object: string, model: string): void {
  body.object = object;
  body.model = model;
  if (body.system_fingerprint === null) delete body.system_fingerprint;
  if (!Array.isArray(body.choices)) body.choices = [];
}

/** A non-stream completion, in place. */
export function normaliseCompletion(body: Json, model: string): void {
  common(body, "chat.completion", model);
  for (const choice of body.choices as unknown[]) {
    if (!isObject(choice)) continue;
    if (!("logprobs" in choice)) choice.logprobs = null;
    choice.finish_reason ??= "stop";
    const message = isObject(choice.message) ? choice.message : (choice.message = { role: "assistant" });
    message.role = "assistant";
    if (!("content" in message)) message.content = null;
    if (!("refusal" in message)) message.refusal = null;
  }
}

const CHUNK_OK = /"object"\s*:\s*"chat\.completion\.chunk"/;
const NULL_FINGERPRINT = /"system_fingerprint"\s*:\s*null/;

/** Whether a stream chunk's text needs normaliseChunk (a cheap test, so most chunks pass as bytes). */
export function chunkNeedsWork(data: string): boolean {
  return !CHUNK_OK.test(data) || NULL_FINGERPRINT.test(data) || (data.includes('"delta"') && !data.includes('"finish_reason"'));
}

/** A stream chunk, in place. */
export function normaliseChunk(body: Json, model: string): void {
  common(body, "chat.completion.chunk", model);
  for (const choice of body.choices as unknown[]) {
    if (!isObject(choice)) continue;
    if (!("finish_reason" in choice)) choice.finish_reason = null;
    if (!isObject(choice.delta)) choice.delta = {};
  }
}
