// Send a prepared request upstream: try the channels in order, moving on before the
// first byte reaches the client when one is down, slow, rate-limited or refuses our
// credentials; stop at the client's own mistakes. What upstreams say stays in the log:
// a customer reads our words, never our provider's.
import { disableRefusedChannel } from "../../channels/alert";
import { recordFailure, recordSuccess } from "../../channels/health";
import { env } from "../../env";
import { log } from "../../log";
import { GatewayError } from "../errors";
import { upstreamsFor, type Candidate } from "../providers/registry";
import type { UpstreamResponse } from "../providers/types";
import type { PreparedChat } from "./prepare";
import { readUpstreamError } from "./upstream-error";

export type Forwarded = { candidate: Candidate; response: UpstreamResponse };

/** The body for one candidate: its model name, then its provider's rules. */
function bodyFor(prepared: PreparedChat, candidate: Candidate): Record<string, unknown> {
  const body = { ...prepared.upstreamBody, model: candidate.upstreamModel };
  candidate.adaptor.adapt(body);
  return body;
}

function unavailable(prepared: PreparedChat): GatewayError {
  return new GatewayError("service_unavailable", `${prepared.model.id} is temporarily unavailable. Please retry later.`);
}

/** Forward to the first channel that answers 2xx. Throws GatewayError for every other outcome. */
export async function forward(prepared: PreparedChat, signal: AbortSignal, timeoutMs: number): Promise<Forwarded> {
  const { model } = prepared;
  const candidates = (await upstreamsFor(model)).slice(0, env().UPSTREAM_MAX_TRIES);
  for (const candidate of candidates) {
    const { channel } = candidate;
    const body = bodyFor(prepared, candidate);
    const sentAt = Date.now();
    let response: UpstreamResponse;
    try {
      response = await channel.upstream.send({ body, stream: prepared.stream, signal, timeoutMs: channel.timeoutMs ?? timeoutMs });
    } catch (err) {
      if (signal.aborted) throw err;
      const reason = (err as Error).message;
      recordFailure(channel.name, reason);
      log.warn(`${model.id}: ${reason}; trying the next channel`);
      continue;
    }
    if (response.status >= 200 && response.status < 300) {
      recordSuccess(channel.name, Date.now() - sentAt);
      return { candidate, response };
    }
    const error = await readUpstreamError(response.status, response.body);
    const kind = candidate.adaptor.classify(error);
    const said = `${error.status}${error.code ? ` (code ${error.code})` : ""}: ${error.message}`;
    if (kind === "client") throw new GatewayError("invalid_request", `${model.id} rejected the request: ${error.message}`);
    if (kind === "content") throw new GatewayError("invalid_request", `${model.id}'s provider refused this request under its content safety rules. Rephrase the input.`);
    if (kind === "account") {
      await disableRefusedChannel(channel, `the upstream answered ${said}`);
      continue;
    }
    recordFailure(channel.name, `answered ${said}`);
    log.warn(`${model.id}: channel ${channel.name} answered ${said}; trying the next channel`);
  }
  throw unavailable(prepared);
}
