// DashScope's OpenAI-compatible mode as a strict fake. Sources:
// help.aliyun.com/zh/model-studio/compatibility-of-openai-with-dashscope (parameters and ranges),
// help.aliyun.com/zh/model-studio/error-code (codes and statuses), and the refusal of
// enable_thinking on non-streaming calls as users met it (langchain4j #3974, anything-llm #3933).
import { contentParts, outOfRange, toolTurnError, type ProviderRules } from "./provider-fake";

// qwen-turbo went offline on 2026-10-10 (Model Studio notice "部分历史主线模型下线通知"): unknown since, like any retired name.
const MODELS = new Set(["qwen-plus", "qwen-flash"]);

const error = (status: number, code: string, message: string, type = "invalid_request_error") => ({ status, body: { error: { message, type, param: null, code }, request_id: "00000000-0000-0000-0000-000000000000" } });

export const dashscopeRules: ProviderRules = {
  troubles: {
    server: error(500, "InternalError", "An internal error has occured, please try again later or contact service support.", "internal_error"),
    rate: error(429, "Throttling", "Requests rate limit exceeded, please try again later.", "limit_requests"),
    // error-code: Arrearage is a 400: "Access denied, please make sure your account is in good standing."
    balance: error(400, "Arrearage", "Access denied, please make sure your account is in good standing.", "Arrearage"),
    key: error(401, "invalid_api_key", "Incorrect API key provided. "),
  },
  refuse(apiKey, body) {
    if (!apiKey) return error(401, "invalid_api_key", "Incorrect API key provided. ");
    if (!MODELS.has(String(body.model))) return error(404, "model_not_found", `The model \`${String(body.model)}\` does not exist or you do not have access to it.`);
    // compatibility page: temperature [0, 2) — 2 itself is refused; top_p (0, 1]; presence_penalty [-2, 2].
    if (outOfRange(body, "temperature", 0, 2, { max: true })) return error(400, "invalid_parameter_error", "<400> InternalError.Algo.InvalidParameter: Temperature should be in [0.0, 2.0)");
    if (outOfRange(body, "top_p", 0, 1, { min: true })) return error(400, "invalid_parameter_error", "<400> InternalError.Algo.InvalidParameter: Range of top_p should be (0.0, 1.0]");
    if (outOfRange(body, "presence_penalty", -2, 2)) return error(400, "invalid_parameter_error", "<400> InternalError.Algo.InvalidParameter: Range of presence_penalty should be [-2.0, 2.0]");
    // The text models refuse content parts: "Unexpected item type in content." (oh-my-pi #1859, Bailian's text-only models)
    // and "Input should be a valid string: input.messages.1.content" (qwen-long, cherry-studio #9352).
    if (contentParts(body)) return error(400, "invalid_parameter_error", "<400> InternalError.Algo.InvalidParameter: The provided messages input is invalid. The error info is [Unexpected item type in content.]");
    const turn = toolTurnError(body);
    if (turn) return error(400, "invalid_parameter_error", `<400> InternalError.Algo.InvalidParameter: ${turn}`);
    if (body.enable_thinking === true && body.stream !== true) return error(400, "invalid_parameter_error", "parameter.enable_thinking must be set to false for non-streaming calls");
    return null;
  },
  reshape(payload, kind) {
    // DashScope sends "system_fingerprint": null, "usage": null on every chunk but the last, no `refusal`.
    payload.system_fingerprint = null;
    if (kind === "chunk" && !("usage" in payload)) payload.usage = null;
    for (const choice of (payload.choices as Record<string, Record<string, unknown>>[] | undefined) ?? []) {
      if (kind === "completion") delete choice.message.refusal;
    }
  },
};
