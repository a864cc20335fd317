// POST /v1/chat/completions as a surface: OpenAI's wire format is the pipeline's own, so
// answers pass through untouched.
import { errorBody } from "../errors";
import type { Surface } from "../surface";
import { prepareChat } from "./prepare";

export const chatSurface: Surface = {
  api: "chat",
  credential: (req) => req.header("authorization"),
  prepare: prepareChat,
  renderJson: (_prepared, result) => result.body,
  renderStream: (_prepared, chat) => chat,
  renderError: (err) => ({ status: err.status, body: errorBody(err.code, err.message, err.param) }),
};
