// The chat request: the spec's parameters validated with their ranges; every other
// OpenAI field is passed upstream untouched.
import { z } from "zod";
import { GatewayError } from "./errors";

const ROLES = ["system", "user", "assistant", "tool", "developer"] as const;

const contentPart = z.looseObject({ type: z.string() });
const message = z.looseObject({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }),
  content: z.union([z.string(), z.array(contentPart), z.null()], { error: "must be a string or an array of content parts" }).optional(),
});

const range = (min: number, max: number) =>
  z.number({ error: "must be a number" }).min(min, { error: `must be between ${min} and ${max}` }).max(max, { error: `must be between ${min} and ${max}` });

const tokenCount = z.number({ error: "must be an integer" }).int({ error: "must be an integer" }).min(1, { error: "must be at least 1" });

const chatRequest = z.looseObject({
  model: z.string({ error: "is required and must be a model id string" }).min(1, { error: "is required" }),
  messages: z.array(message, { error: "is required and must be an array of messages" }).min(1, { error: "must contain at least one message" }),
  stream: z.boolean({ error: "must be a boolean" }).optional(),
  temperature: range(0, 2).optional(),
  max_tokens: tokenCount.optional(),
  max_completion_tokens: tokenCount.optional(),
  top_p: range(0, 1).optional(),
  frequency_penalty: range(-2, 2).optional(),
  presence_penalty: range(-2, 2).optional(),
  stop: z
    .union([z.string(), z.array(z.string()).max(4, { error: "may hold at most 4 sequences" })], { error: "must be a string or an array of up to 4 strings" })
    .optional(),
  stream_options: z.looseObject({ include_usage: z.boolean({ error: "must be a boolean" }).optional() }).nullable().optional(),
});

export type ChatRequest = z.infer<typeof chatRequest>;
export type ChatMessage = ChatRequest["messages"][number];

/** A zod issue path as the parameter name clients read: `messages[0].content`. */
export function paramName(path: PropertyKey[]): string {
  return path.reduce<string>((name, key) => (typeof key === "number" ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), "");
}

/** Validate a parsed JSON body; a GatewayError (400, naming the parameter) when it is not a valid request. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new GatewayError("invalid_request", "The request body must be a JSON object with `model` and `messages`.");
  }
  const result = chatRequest.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = paramName(issue.path);
  throw new GatewayError("invalid_request", `Invalid '${param}': ${issue.message}.`, param);
}
