// Send a prepared request upstream: try each channel in order, moving on when one is
// down before answering; map what the upstream said to the spec's errors.
import { adaptBody, upstreamsFor } from "../providers/registry";
import type { Upstream, UpstreamResponse } from "../providers/types";
import { GatewayError } from "../errors";
import { log } from "../../log";
import type { PreparedChat } from "./prepare";

export type Forwarded = { upstream: Upstream; response: UpstreamResponse };

const MAX_ERROR_BODY = 64 * 1024;

async function readText(body: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limit) break;
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts).toString("utf8");
}

function upstreamMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown }; message?: unknown };
    const message = parsed.error?.message ?? parsed.message;
    if (typeof message === "string") return message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 300) || "no details";
}

/** A refusal the client caused (bad parameter the upstream rejects): not worth another channel. */
function isClientError(status: number): boolean {
  return status === 400 || status === 413 || status === 422;
}

/** Forward to the first upstream that answers 2xx. Throws GatewayError for every other outcome. */
export async function forward(prepared: PreparedChat, signal: AbortSignal, timeoutMs: number): Promise<Forwarded> {
  const { model } = prepared;
  let lastProblem = "no upstream answered";
  for (const upstream of upstreamsFor(model)) {
    const body = { ...prepared.upstreamBody };
    adaptBody(model, body);
    let response: UpstreamResponse;
    try {
      response = await upstream.send({ body, stream: prepared.stream, signal, timeoutMs });
    } catch (err) {
      if (signal.aborted) throw err;
      lastProblem = (err as Error).message;
      log.warn(`upstream ${upstream.provider} failed for ${model.id}: ${lastProblem}`);
      continue;
    }
    if (response.status >= 200 && response.status < 300) return { upstream, response };
    const text = await readText(response.body, MAX_ERROR_BODY).catch(() => "");
    const message = upstreamMessage(text);
    if (isClientError(response.status)) {
      throw new GatewayError("invalid_request", `${model.id} rejected the request: ${message}`);
    }
    log.warn(`upstream ${upstream.provider} answered ${response.status} for ${model.id}: ${message}`);
    // Credential problems are the operator's to fix; their details stay in the log.
    lastProblem = response.status === 401 || response.status === 403
      ? `${upstream.provider} refused the gateway's credentials`
      : `${upstream.provider} answered ${response.status}: ${message}`;
  }
  throw new GatewayError("service_unavailable", `${model.id} is temporarily unavailable (${lastProblem}). Please retry later.`);
}
