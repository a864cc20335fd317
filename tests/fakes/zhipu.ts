// Zhipu's open platform v4 as a strict fake. Sources: open.bigmodel.cn/dev/api/normal-model/glm-4
// (parameters: top_p the open interval (0, 1), temperature [0, 1]), open.bigmodel.cn/dev/api/error-code/service-error
// (business codes and their HTTP statuses), one-api #1045 (top_p = 1 refused with 1214), and
// new-api relay/channel/zhipu_4v (responses without object/logprobs; usage in the last chunk).
import { outOfRange, toolTurnError, type ProviderRules } from "./provider-fake";

const MODELS = new Set(["glm-4-flash", "glm-4-plus", "glm-4-air"]);

// Zhipu's errors have no `type`: {"error": {"code": "1214", "message": "…"}}.
const error = (status: number, code: number, message: string) => ({ status, body: { error: { code: String(code), message } } });

/** `messages[i].content[j]` of the first text part with no text, or null. */
function emptyTextPart(body: Record<string, unknown>): string | null {
  const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
  for (const [i, m] of messages.entries()) {
    if (!Array.isArray(m?.content)) continue;
    const j = (m.content as { type?: unknown; text?: unknown }[]).findIndex((p) => p?.type === "text" && !p.text);
    if (j !== -1) return `messages[${i}].content[${j}]`;
  }
  return null;
}

export const zhipuRules: ProviderRules = {
  troubles: {
    server: error(500, 500, "Internal Error"),
    rate: error(429, 1302, "您当前使用该API的并发数过高，请降低并发，或联系客服增加限额。"), // 1302: concurrency too high
    balance: error(429, 1113, "您的账户已欠费，请充值后重试。"), // 1113: account in arrears, sent as HTTP 429
    key: error(401, 1002, "Authorization Token非法，请确认Authorization Token正确传递。"), // 1002: invalid token
  },
  refuse(apiKey, body) {
    if (apiKey === null) return error(401, 1001, "Header中未收到Authorization参数，无法进行身份验证。"); // 1001: no Authorization header
    if (!apiKey) return error(401, 1002, "Authorization Token非法，请确认Authorization Token正确传递。");
    if (!MODELS.has(String(body.model))) return error(400, 1211, "模型不存在，请检查模型代码。"); // 1211: unknown model
    // glm-4 docs / one-api #1045: top_p in the open interval (0, 1); 1 is refused with 1214.
    if (outOfRange(body, "top_p", 0, 1, { min: true, max: true })) return error(400, 1214, "top_p 取值范围为 (0, 1)，请检查输入参数。");
    if (outOfRange(body, "temperature", 0, 1)) return error(400, 1214, "temperature 取值范围为 [0, 1]，请检查输入参数。");
    const turn = toolTurnError(body);
    if (turn) return error(400, 1214, turn); // 1214: invalid request parameter
    // QwenPaw #287: 1214 "messages[20].content[0].text:text cannot be empty." — content parts are read, an empty text part refused.
    const empty = emptyTextPart(body);
    if (empty) return error(400, 1214, `${empty}.text:text cannot be empty.`);
    const last = Array.isArray(body.messages) ? JSON.stringify(body.messages.at(-1)) : "";
    // 1301: the content safety system refused the input.
    if (last.includes("[[fake:unsafe]]")) return error(400, 1301, "系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。");
    return null;
  },
  // The last chunk of a Zhipu stream reports usage without stream_options (new-api's zhipu_4v reads it there).
  answerAs: (body) => (body.stream === true ? { ...body, stream_options: { include_usage: true } } : body),
  reshape(payload, kind) {
    // Zhipu sends no `object`, `system_fingerprint`, `logprobs` or `refusal`; a chunk has a finish_reason only
    // when it is the last; the last chunk carries usage whether or not it was asked for.
    delete payload.object;
    delete payload.system_fingerprint;
    payload.request_id = String(payload.id);
    for (const choice of (payload.choices as Record<string, unknown>[] | undefined) ?? []) {
      delete choice.logprobs;
      if (kind === "completion") delete (choice.message as Record<string, unknown>).refusal;
      if (kind === "chunk" && choice.finish_reason === null) delete choice.finish_reason;
    }
  },
};
