// POST /v1/messages as a surface: Anthropic's request translated to a chat request on the
// way in (to-chat.ts), the answer and errors translated back on the way out.
import { parseJson, prepareChatBody, type PreparedChat } from "../chat/prepare";
import type { Surface } from "../surface";
import type { GatewayRequest } from "../types";
import { anthropicError, anthropicStatus } from "./errors";
import { renderMessage } from "./render-json";
import { renderStream } from "./render-stream";
import { parseCountRequest, parseMessagesRequest } from "./schema";
import { clientNames, toChat } from "./to-chat";

/** Anthropic's `x-api-key` header, or a bearer Authorization header. */
function credential(req: GatewayRequest): string | undefined {
  const apiKey = req.header("x-api-key");
  return req.header("authorization") ?? (apiKey ? `Bearer ${apiKey}` : undefined);
}

async function prepare(bytes: Uint8Array): Promise<PreparedChat> {
  const { body, ignored } = toChat(parseMessagesRequest(parseJson(bytes)));
  // Anthropic clients ask for their own models' output limits (Claude Code: 32000): the model's own is used instead.
  const prepared = await prepareChatBody(body, { capMaxTokens: true });
  // The usage chunk always reaches render-stream.ts, which ends the stream with it.
  return { ...prepared, includeUsage: true, ignored: [...ignored, ...clientNames(prepared.ignored)] };
}

/** POST /v1/messages/count_tokens: the prompt estimate the hold and the limits use, as {"input_tokens": N}. */
export async function countTokensBody(bytes: Uint8Array): Promise<string> {
  const { body } = toChat(parseCountRequest(parseJson(bytes)));
  const prepared = await prepareChatBody(body, { capMaxTokens: true });
  return JSON.stringify({ input_tokens: prepared.promptEstimate });
}

export const messagesSurface: Surface = {
  api: "messages",
  credential,
  prepare,
  renderJson: renderMessage,
  renderStream,
  renderError: (err, requestId) => ({ status: anthropicStatus(err).status, body: JSON.stringify(anthropicError(err.code, err.message, requestId)) }),
};
