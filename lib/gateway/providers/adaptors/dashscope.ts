// DashScope (Qwen) in OpenAI-compatible mode
// (https://help.aliyun.com/zh/model-studio/compatibility-of-openai-with-dashscope). Rules:
// - qwen-turbo was taken offline on 2026-10-10 (Model Studio notice "部分历史主线模型下线通知";
//   llmgateway PRs #2688, #4112): it is sent as qwen-flash, the Qwen3 fast model that succeeded it
//   (non-thinking unless enable_thinking, as qwen-turbo was).
// - temperature [0, 2): 2 itself is refused, so it is clamped to 1.99; top_p (0, 1]
//   (same page, "temperature 取值范围 [0, 2)", "top_p 取值范围 (0, 1.0]").
// - enable_thinking: true is refused on non-streaming calls ("parameter.enable_thinking must be
//   set to false for non-streaming calls", langchain4j #3974, anything-llm #3933): the gateway
//   answers 400 itself before sending, saying to stream.
// - Token-billed extras: enable_thinking, thinking_budget, top_k, repetition_penalty. Not
//   forwarded: enable_search / search_options (web search, priced separately), translation_options.
// - Text-only models may refuse content as an array of parts ("Input should be a valid string:
//   input.messages.1.content" from qwen-long, cherry-studio #9352; "Unexpected item type in content"
//   from Bailian's text models, oh-my-pi #1859): an array of text parts is sent as one string. Arrays
//   with images are left for the vision models (qwen-vl-*) that read them.
// - Errors (https://help.aliyun.com/zh/model-studio/error-code): 400 with code "Arrearage"
//   ("Access denied, please make sure your account is in good standing") is our account in
//   arrears; 401 invalid_api_key; 403 AccessDenied / Model.AccessDenied; 429 Throttling /
//   limit_requests; 400 data_inspection_failed / DataInspectionFailed is content safety; 404
//   model_not_found is the channel's upstream name.
// - Responses carry "system_fingerprint": null and intermediate stream chunks "usage": null;
//   messages have no `refusal` (normalise.ts fixes these).
import { GatewayError } from "../../errors";
import { clamp, classifyByStatus, joinTextParts, replaceRetired } from "./common";
import type { Adaptor } from "./types";

export const dashscopeAdaptor: Adaptor = {
  id: "dashscope",
  extras: ["enable_thinking", "thinking_budget", "top_k", "repetition_penalty"],
  adapt: (body) => {
    replaceRetired(body, { "qwen-turbo": { model: "qwen-flash" } });
    clamp(body, "temperature", 0, 1.99);
    clamp(body, "top_p", 0.01, 1);
    joinTextParts(body);
    if (body.enable_thinking === true && body.stream !== true) {
      throw new GatewayError("invalid_request", "Invalid 'enable_thinking': Qwen models think only in streaming calls. Set stream: true, or enable_thinking: false.", "enable_thinking");
    }
  },
  classify: (error) => {
    const code = error.code ?? "";
    if (/^arrearage$/i.test(code)) return "account";
    if (/data_?inspection_?failed/i.test(code)) return "content";
    return classifyByStatus(error);
  },
};
