// Zhipu (GLM) open platform v4 (https://open.bigmodel.cn/dev/api/normal-model/glm-4). Rules:
// - top_p: documented as the open interval (0, 1); 1 was refused with business code 1214
//   (one-api issue #1045, fixed by clamping in PR #1091; new-api's zhipu_4v adaptor does the same).
//   Newer docs may allow 1; 0.99 is accepted by both, so it is the highest value sent.
// - temperature: [0, 1] (glm-4 docs; older docs said (0, 1]): above 1 is clamped to 1, 0 becomes 0.01.
// - presence_penalty / frequency_penalty / stream_options are not Zhipu parameters: not sent.
//   The final stream chunk carries usage without asking.
// - An empty text part is refused with 1214 "messages[20].content[0].text:text cannot be empty."
//   (QwenPaw #287): an array of text parts is sent as one string (glm-4v reads arrays with images,
//   which are left as they are).
// - Token-billed extras: do_sample, thinking ({"type": "enabled" | "disabled"}), request_id, user_id.
// - Errors (https://open.bigmodel.cn/dev/api/error-code/service-error): {"error": {"code": "1214",
//   "message": …}} with no `type`. 1000–1004 and 1100–1121 are our key or account (1113 = arrears,
//   sent as HTTP 429), 1301 is content safety (HTTP 400), 1302–1305 are rate limits (HTTP 429),
//   1211 is an unknown model (the channel's upstream name), the rest of 1210–1261 are parameter
//   errors (HTTP 400).
// - Responses have no `object`, `logprobs`, `refusal` or `system_fingerprint`, and stream chunks
//   no `finish_reason` until the last (normalise.ts fills them).
import { clamp, classifyByStatus, drop, joinTextParts } from "./common";
import type { Adaptor } from "./types";

export const zhipuAdaptor: Adaptor = {
  id: "zhipu",
  extras: ["do_sample", "thinking", "request_id", "user_id"],
  adapt: (body) => {
    clamp(body, "top_p", 0.01, 0.99);
    clamp(body, "temperature", 0.01, 1);
    drop(body, "presence_penalty", "frequency_penalty", "stream_options");
    joinTextParts(body);
  },
  classify: (error) => {
    const code = Number(error.code);
    if (code === 1301) return "content";
    if (code === 1211) return "model";
    if ((code >= 1000 && code <= 1004) || (code >= 1100 && code <= 1121)) return "account";
    if (code >= 1302 && code <= 1305) return "retry";
    if (code >= 1210 && code <= 1261) return "client";
    return classifyByStatus(error);
  },
};
