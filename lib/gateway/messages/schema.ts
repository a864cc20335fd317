// Anthropic's Messages API request (docs.anthropic.com/en/api/messages): the fields the
// gateway translates, validated with Anthropic's ranges; blocks are checked one by one in
// to-chat.ts, where each type is translated or refused by name.
import { z } from "zod";
import { GatewayError } from "../errors";
import { paramName } from "../schema";

const block = z.looseObject({ type: z.string({ error: "must be a content block with a type" }) });
const content = z.union([z.string(), z.array(block)], { error: "must be a string or an array of content blocks" });

const message = z.looseObject({
  role: z.enum(["user", "assistant"], { error: "must be user or assistant" }),
  content,
});

const tool = z.looseObject({
  type: z.string().optional(),
  name: z.string({ error: "is required" }).min(1, { error: "is required" }),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown(), { error: "must be a JSON schema object" }).optional(),
});

const toolChoice = z.looseObject({
  type: z.enum(["auto", "any", "tool", "none"], { error: "must be auto, any, tool or none" }),
  name: z.string().optional(),
  disable_parallel_tool_use: z.boolean().optional(),
});

const thinking = z.looseObject({
  type: z.string({ error: "must name a type" }),
  budget_tokens: z.number().int().min(1).optional(),
});

const unit = () => z.number({ error: "must be a number" }).min(0, { error: "must be between 0 and 1" }).max(1, { error: "must be between 0 and 1" });

const fields = {
  model: z.string({ error: "is required and must be a model id string" }).min(1, { error: "is required" }),
  messages: z.array(message, { error: "is required and must be an array of messages" }).min(1, { error: "must contain at least one message" }),
  system: z.union([z.string(), z.array(block)], { error: "must be a string or an array of text blocks" }).optional(),
  tools: z.array(tool, { error: "must be an array of tools" }).optional(),
  tool_choice: toolChoice.optional(),
  // One provider's stop list is OpenAI's: at most 4 sequences (lib/gateway/schema.ts).
  stop_sequences: z.array(z.string()).max(4, { error: "may hold at most 4 sequences" }).optional(),
  temperature: unit().optional(),
  top_p: unit().optional(),
  top_k: z.number({ error: "must be an integer" }).int({ error: "must be an integer" }).min(0, { error: "must be at least 0" }).optional(),
  metadata: z.looseObject({ user_id: z.string().nullable().optional() }).optional(),
  thinking: thinking.optional(),
  stream: z.boolean({ error: "must be a boolean" }).optional(),
};

const createRequest = z.looseObject({
  ...fields,
  max_tokens: z.number({ error: "is required and must be an integer" }).int({ error: "must be an integer" }).min(1, { error: "must be at least 1" }),
});
const countRequest = z.looseObject(fields);

export type MessagesRequest = z.infer<typeof countRequest> & { max_tokens?: number };
export type AnthropicBlock = z.infer<typeof block>;
export type AnthropicMessage = z.infer<typeof message>;

/** The fields translated; any other top-level field is not forwarded and is named in X-Sib-Ignored-Params. */
export const TRANSLATED_FIELDS = new Set([...Object.keys(fields), "max_tokens"]);

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new GatewayError("invalid_request", "The request body must be a JSON object with `model`, `max_tokens` and `messages`.");
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = paramName(issue.path);
  throw new GatewayError("invalid_request", `${param}: ${issue.message}.`, param);
}

/** Validate a POST /v1/messages body; a 400 naming the field when it is not valid. */
export function parseMessagesRequest(body: unknown): MessagesRequest {
  return parse(createRequest, body);
}

/** Validate a POST /v1/messages/count_tokens body (max_tokens is not needed there). */
export function parseCountRequest(body: unknown): MessagesRequest {
  return parse(countRequest, body);
}
