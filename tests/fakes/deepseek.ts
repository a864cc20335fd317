// DeepSeek's API as a strict fake. Sources: api-docs.deepseek.com — create-chat-completion
// (parameters and ranges), guides/reasoning_model (reasoner rules), quick_start/error_codes
// (statuses), quick_start/rate_limit (keep-alive habits); error bodies as DeepSeek sends them
// (OpenAI's shape: message, type, param, code).
import { contentParts, outOfRange, toolTurnError, type ProviderRules } from "./provider-fake";

const MODELS: Record<string, number> = {
  // The names served since deepseek-chat and deepseek-reasoner were retired on 2026-07-24 (api-docs.deepseek.com/updates;
  // LiteLLM PR #28789: 1M context, 384K max output — "the valid range of max_tokens is [1, 393216]", kimi-code #2656).
  // The retired names get "Model Not Exist" like any unknown one.
  "deepseek-v4-flash": 393_216,
  "deepseek-v4-pro": 393_216,
};

/** guides/thinking_mode: "Thinking mode is enabled by default"; {"thinking": {"type": "disabled"}} turns it off. */
const thinks = (body: Record<string, unknown>) => (body.thinking as { type?: unknown } | undefined)?.type !== "disabled";

const error = (status: number, message: string, type = "invalid_request_error", code: string | null = "invalid_request_error") => ({ status, body: { error: { message, type, param: null, code } } });

/** The index of the first assistant message that called tools without its reasoning_content, or -1. */
function toolTurnWithoutReasoning(body: Record<string, unknown>): number {
  const messages = Array.isArray(body.messages) ? (body.messages as { role?: unknown; tool_calls?: unknown[]; reasoning_content?: unknown }[]) : [];
  return messages.findIndex((m) => m?.role === "assistant" && Array.isArray(m.tool_calls) && m.tool_calls.length > 0 && typeof m.reasoning_content !== "string");
}

export const deepseekRules: ProviderRules = {
  troubles: {
    server: error(500, "Server Error", "api_error", null), // error_codes: 500 Server Error
    rate: error(429, "Rate Limit Reached", "rate_limit_error", null), // error_codes: 429 Rate Limit Reached
    balance: error(402, "Insufficient Balance", "unknown_error", "invalid_request_error"), // error_codes: 402 Insufficient Balance
    key: error(401, "Authentication Fails, Your api key is invalid", "authentication_error"), // error_codes: 401 Authentication Fails
  },
  refuse(apiKey, body) {
    // error_codes: 401 "Authentication Fails" for a missing or wrong key.
    if (apiKey === null || apiKey === "") return error(401, "Authentication Fails, Your api key is invalid", "authentication_error");
    const model = String(body.model);
    // An unknown model is a 400 "Model Not Exist".
    if (!(model in MODELS)) return error(400, "Model Not Exist");
    // create-chat-completion: temperature [0, 2], top_p ≤ 1, penalties [-2, 2]; 422 Invalid Parameters.
    for (const [field, min, max] of [["temperature", 0, 2], ["top_p", 0, 1], ["frequency_penalty", -2, 2], ["presence_penalty", -2, 2]] as const) {
      if (outOfRange(body, field, min, max)) return error(422, `Invalid ${field} value, the valid range of ${field} is [${min}, ${max}]`);
    }
    if (outOfRange(body, "max_tokens", 1, MODELS[model])) return error(422, `Invalid max_tokens value, the valid range of max_tokens is [1, ${MODELS[model]}]`);
    // A content array of any kind is refused: "Failed to deserialize the JSON body into the target type: messages[1]: invalid
    // type: sequence, expected a string at line 17 column 3" (cline #230 as a 422 in 2024; marimo #7036 and qwen-code PR #2320 as a 400 since).
    const parts = contentParts(body);
    if (parts) return error(400, `Failed to deserialize the JSON body into the target type: messages[${parts.message}]: invalid type: sequence, expected a string at line 1 column 80`);
    const turn = toolTurnError(body);
    if (turn) return error(400, turn);
    // guides/thinking_mode: in thinking mode the reasoning of a turn that called tools must come back ("Missing `reasoning_content`
    // field in the assistant message at message index 2…", GitNexus #43, qwen-code #3578); reasoning of other turns is ignored.
    const missing = thinks(body) ? toolTurnWithoutReasoning(body) : -1;
    if (missing !== -1) return error(400, `Missing \`reasoning_content\` field in the assistant message at message index ${missing}. For more information, please refer to https://api-docs.deepseek.com/guides/thinking_mode#tool-calls`);
    // reasoning_model: logprobs and top_logprobs "will trigger an error" when thinking.
    if (thinks(body) && (body.logprobs !== undefined || body.top_logprobs !== undefined)) return error(400, "logprobs is not supported in thinking mode");
    return null;
  },
  // The model thinks unless told not to (the simulator thinks on an explicit switch).
  answerAs: (body) => (thinks(body) ? { ...body, thinking: { type: "enabled" } } : body),
  reshape(payload, kind) {
    // DeepSeek's messages and deltas carry no `refusal`; its fingerprints look like fp_….
    payload.system_fingerprint = "fp_3a5770e1b4_prod0820_fp8_kvcache";
    for (const choice of (payload.choices as Record<string, Record<string, unknown>>[] | undefined) ?? []) {
      if (kind === "completion") delete choice.message.refusal;
    }
  },
};
