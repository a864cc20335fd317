// Turn a raw chat body into what the pipeline forwards: validated parameters, the
// catalog model, the upstream body with the gateway's defaults, and the hold amount.
import { findModel, type CatalogModel } from "../catalog";
import { GatewayError } from "../errors";
import { parseChatRequest, type ChatRequest } from "../schema";
import { estimatePromptTokens, maxPromptTokens } from "../tokens";
import { forwardableFields } from "./fields";

const DEFAULT_MAX_TOKENS = 4096;
const DEFAULTS = { temperature: 0.7, top_p: 1, frequency_penalty: 0, presence_penalty: 0 } as const;

export type PreparedChat = {
  model: CatalogModel;
  stream: boolean;
  /** The client asked for the usage chunk (stream_options.include_usage). */
  includeUsage: boolean;
  /** The body for the upstream: defaults applied, usage always requested on streams; each channel sets its model name. */
  upstreamBody: Record<string, unknown>;
  /** Request fields not forwarded (X-Sib-Ignored-Params). */
  ignored: string[];
  promptEstimate: number;
  maxTokens: number;
  /** The most this request can cost, nano-dollars. */
  holdAmount: bigint;
};

/** A request body's JSON; a 400 when it is not JSON. */
export function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch (err) {
    throw new GatewayError("invalid_request", `The request body is not valid JSON: ${(err as Error).message}`);
  }
}

/** capAtModel: a max_tokens above what the model can give is lowered to it (Anthropic clients send their own models' limits), not refused. */
function resolveMaxTokens(request: ChatRequest, model: CatalogModel, promptEstimate: number, capAtModel: boolean): number {
  const requested = request.max_tokens ?? request.max_completion_tokens;
  const asked = capAtModel && requested !== undefined ? Math.min(requested, model.maxOutputTokens, Math.max(1, model.contextWindow - promptEstimate)) : requested;
  const param = request.max_tokens !== undefined ? "max_tokens" : "max_completion_tokens";
  if (asked !== undefined && asked > model.maxOutputTokens) {
    throw new GatewayError("invalid_request", `Invalid '${param}': ${model.id} generates at most ${model.maxOutputTokens} tokens (got ${asked}).`, param);
  }
  const room = model.contextWindow - promptEstimate;
  if (asked !== undefined && asked > room) {
    throw new GatewayError(
      "invalid_request",
      `This request needs about ${promptEstimate} prompt tokens plus ${asked} for the completion, over ${model.id}'s context window of ${model.contextWindow} tokens. Shorten the messages or lower max_tokens.`,
      "messages",
    );
  }
  const maxTokens = asked ?? Math.min(DEFAULT_MAX_TOKENS, model.maxOutputTokens, room);
  if (maxTokens < 1) {
    throw new GatewayError("invalid_request", `The messages (about ${promptEstimate} tokens) fill ${model.id}'s context window of ${model.contextWindow} tokens. Shorten them.`, "messages");
  }
  return maxTokens;
}

/** Validate and prepare a chat request body. Throws GatewayError 400 / 422. */
export async function prepareChat(bytes: Uint8Array): Promise<PreparedChat> {
  return prepareChatBody(parseJson(bytes));
}

/** Validate and prepare a parsed chat body (also the translation of another API's request). */
export async function prepareChatBody(body: unknown, options: { capMaxTokens?: boolean } = {}): Promise<PreparedChat> {
  const request = parseChatRequest(body);
  const model = await findModel(request.model);
  if (!model) {
    throw new GatewayError("invalid_model", `The model '${request.model}' does not exist or is not available. GET /v1/models lists the available models.`, "model");
  }
  const extra = request.tools ? JSON.stringify(request.tools) : "";
  const promptEstimate = estimatePromptTokens(request.messages, extra);
  const maxTokens = resolveMaxTokens(request, model, promptEstimate, options.capMaxTokens === true);
  const stream = request.stream === true;
  const { kept, ignored } = forwardableFields(request, model.provider);
  const { max_completion_tokens: _replaced, ...rest } = kept;
  const upstreamBody: Record<string, unknown> = { ...DEFAULTS, ...rest, model: model.upstreamModel, max_tokens: maxTokens, stream };
  if (stream) upstreamBody.stream_options = { ...(request.stream_options ?? {}), include_usage: true };
  else delete upstreamBody.stream_options;
  const holdAmount = BigInt(maxPromptTokens(request.messages, extra)) * model.inputPrice + BigInt(maxTokens) * model.outputPrice;
  return { model, stream, includeUsage: request.stream_options?.include_usage === true, upstreamBody, ignored, promptEstimate, maxTokens, holdAmount };
}
