// DeepSeek (https://api-docs.deepseek.com). Rules, each with its source:
// - temperature [0, 2], top_p ≤ 1, penalties [-2, 2]: the same as OpenAI's, nothing to clamp
//   (api-docs.deepseek.com/api/create-chat-completion).
// - reasoning_content in input messages is refused with 400 ("if the reasoning_content field is
//   included in the sequence of input messages, the API will return a 400 error",
//   api-docs.deepseek.com/guides/reasoning_model), so a client that sends the last answer back
//   whole still works: the field is removed.
// - deepseek-reasoner ignores temperature, top_p and the penalties, and refuses logprobs and
//   top_logprobs (same page): left to the client, so its 400 names them.
// - Errors (api-docs.deepseek.com/quick_start/error_codes): 400 invalid format, 401 authentication
//   fails (our key), 402 insufficient balance (ours), 422 invalid parameters, 429 rate limit,
//   500 server error, 503 overloaded. A 400 "Content Exists Risk" is its content filter.
// - While a request waits it sends blank lines (non-stream) or ": keep-alive" comments (stream)
//   (api-docs.deepseek.com/quick_start/rate_limit); lib/gateway/sse.ts and respond-json skip them.
// - Usage carries prompt_cache_hit_tokens / prompt_cache_miss_tokens and
//   completion_tokens_details.reasoning_tokens; messages have no `refusal` (normalise.ts adds it).
import { classifyByStatus, dropFromMessages } from "./common";
import type { Adaptor } from "./types";

export const deepseekAdaptor: Adaptor = {
  id: "deepseek",
  extras: [],
  adapt: (body) => dropFromMessages(body, "reasoning_content"),
  classify: (error) => (error.status === 400 && /content exists risk/i.test(error.message) ? "content" : classifyByStatus(error)),
};
