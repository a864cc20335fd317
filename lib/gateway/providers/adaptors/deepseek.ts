// DeepSeek (https://api-docs.deepseek.com). Rules, each with its source:
// - The model names deepseek-chat and deepseek-reasoner were retired on 2026-07-24: they are now
//   deepseek-v4-flash without and with thinking (api-docs.deepseek.com/updates 2026-04-24; LiteLLM
//   PR #28789; gbrain #3449: "Every DeepSeek-configured brain 404s on the old names"). The catalog and
//   channels keep naming the mode by the old names; they are renamed here, with the thinking switch
//   set, since V4 thinks unless told not to (guides/thinking_mode: "Thinking mode is enabled by default").
// - temperature [0, 2], top_p ≤ 1, penalties [-2, 2]: the same as OpenAI's, nothing to clamp
//   (api-docs.deepseek.com/api/create-chat-completion).
// - reasoning_content sent back in assistant messages is passed through: in thinking mode the
//   reasoning of a turn that called tools must be sent back in every later request ("Missing
//   `reasoning_content` field in the assistant message at message index 2", a 400 — GitNexus #43,
//   qwen-code #3578, Newelle #404), and that of a turn without tool calls "will be ignored"
//   (api-docs.deepseek.com/zh-cn/guides/thinking_mode). The 2025 rule that refused it is gone.
// - In thinking mode temperature, top_p and the penalties are ignored (guides/thinking_mode);
//   logprobs and top_logprobs were refused (guides/reasoning_model): left to the client, so its 400
//   names them.
// - A message's content must be a string: an array of content parts is refused with 400 "Failed to
//   deserialize the JSON body into the target type: messages[1]: invalid type: sequence, expected a
//   string" (cline #230, marimo #7036, qwen-code PR #2320; LiteLLM's deepseek transformation says
//   "DeepSeek does not support content in list format"). Text parts are joined into one string; the
//   models read no images, audio or files, so such a part is answered 400 here, naming it.
// - Errors (api-docs.deepseek.com/quick_start/error_codes): 400 invalid format, 401 authentication
//   fails (our key), 402 insufficient balance (ours), 422 invalid parameters, 429 rate limit,
//   500 server error, 503 overloaded. A 400 "Content Exists Risk" is its content filter; a 400
//   "Model Not Exist" is the channel's upstream name, not the client's request.
// - While a request waits it sends blank lines (non-stream) or ": keep-alive" comments (stream)
//   (api-docs.deepseek.com/quick_start/rate_limit); lib/gateway/sse.ts and respond-json skip them.
// - Usage carries prompt_cache_hit_tokens / prompt_cache_miss_tokens and
//   completion_tokens_details.reasoning_tokens; messages have no `refusal` (normalise.ts adds it).
import { GatewayError } from "../../errors";
import { classifyByStatus, joinTextParts, replaceRetired, type Retired } from "./common";
import type { Adaptor } from "./types";

const RETIRED: Retired = {
  "deepseek-chat": { model: "deepseek-v4-flash", thinking: { type: "disabled" } },
  "deepseek-reasoner": { model: "deepseek-v4-flash", thinking: { type: "enabled" } },
};

export const deepseekAdaptor: Adaptor = {
  id: "deepseek",
  extras: [],
  adapt: (body) => {
    const other = joinTextParts(body);
    if (other) throw new GatewayError("invalid_request", `Invalid '${other.param}': DeepSeek models read text only, and this part is of type '${other.type}'. Send text parts or a string.`, other.param);
    replaceRetired(body, RETIRED);
  },
  classify: (error) => {
    if (error.status === 400 && /content exists risk/i.test(error.message)) return "content";
    return error.status === 400 && /model not exist/i.test(error.message) ? "model" : classifyByStatus(error);
  },
};
