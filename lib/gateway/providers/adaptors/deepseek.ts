// DeepSeek (https://api-docs.deepseek.com). Rules, each with its source:
// - temperature [0, 2], top_p ≤ 1, penalties [-2, 2]: the same as OpenAI's, nothing to clamp
//   (api-docs.deepseek.com/api/create-chat-completion).
// - reasoning_content in input messages is refused with 400 ("if the reasoning_content field is
//   included in the sequence of input messages, the API will return a 400 error",
//   api-docs.deepseek.com/guides/reasoning_model), so a client that sends the last answer back
//   whole still works: the field is removed.
// - deepseek-reasoner ignores temperature, top_p and the penalties, and refuses logprobs and
//   top_logprobs (same page): left to the client, so its 400 names them.
// - A message's content must be a string: an array of content parts is refused with 400 "Failed to
//   deserialize the JSON body into the target type: messages[1]: invalid type: sequence, expected a
//   string" (cline #230, marimo #7036, qwen-code PR #2320; LiteLLM's deepseek transformation says
//   "DeepSeek does not support content in list format"). Text parts are joined into one string; the
//   models read no images, audio or files, so such a part is answered 400 here, naming it.
// - Errors (api-docs.deepseek.com/quick_start/error_codes): 400 invalid format, 401 authentication
//   fails (our key), 402 insufficient balance (ours), 422 invalid parameters, 429 rate limit,
//   500 server error, 503 overloaded. A 400 "Content Exists Risk" is its content filter.
// - While a request waits it sends blank lines (non-stream) or ": keep-alive" comments (stream)
//   (api-docs.deepseek.com/quick_start/rate_limit); lib/gateway/sse.ts and respond-json skip them.
// - Usage carries prompt_cache_hit_tokens / prompt_cache_miss_tokens and
//   completion_tokens_details.reasoning_tokens; messages have no `refusal` (normalise.ts adds it).
import { GatewayError } from "../../errors";
import { classifyByStatus, dropFromMessages, joinTextParts } from "./common";
import type { Adaptor } from "./types";

export const deepseekAdaptor: Adaptor = {
  id: "deepseek",
  extras: [],
  adapt: (body) => {
    dropFromMessages(body, "reasoning_content");
    const other = joinTextParts(body);
    if (other) throw new GatewayError("invalid_request", `Invalid '${other.param}': ${String(body.model)} reads text only, and this part is of type '${other.type}'. Send text parts or a string.`, other.param);
  },
  classify: (error) => (error.status === 400 && /content exists risk/i.test(error.message) ? "content" : classifyByStatus(error)),
};
