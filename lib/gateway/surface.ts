// An API surface: the edge of the one pipeline where a wire format is read and written.
// Chat completions and Anthropic's Messages API are two surfaces over the same stages
// (authenticate, limit, hold, forward, meter, settle); only these steps differ.
import type { PreparedChat } from "./chat/prepare";
import type { JsonResult } from "./chat/respond-json";
import type { GatewayError } from "./errors";
import type { GatewayRequest } from "./types";

export type Surface = {
  /** Recorded in the usage log, metrics and access log. */
  api: "chat" | "messages";
  /** The request's credential as an Authorization header value (`Bearer sib-…`), if any. */
  credential(req: GatewayRequest): string | undefined;
  /** A request body as the chat request the pipeline forwards. */
  prepare(bytes: Uint8Array): Promise<PreparedChat>;
  /** The client's JSON body for a completed (and billed) chat answer. */
  renderJson(prepared: PreparedChat, result: JsonResult, requestId: string): string;
  /** The client's event stream for the relayed chat stream. */
  renderStream(prepared: PreparedChat, chat: AsyncIterable<Uint8Array>, requestId: string): AsyncIterable<Uint8Array>;
  /** An error's status and body. */
  renderError(err: GatewayError, requestId: string): { status: number; body: string };
};
