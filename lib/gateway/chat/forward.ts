// Send a prepared request upstream: try the channels in order, moving on before the
// first byte reaches the client when one is down, slow, rate-limited or refuses our
// credentials; stop at the client's own mistakes. What upstreams say stays in the log:
// a customer reads our words, never our provider's.
import { disableRefusedChannel } from "../../channels/alert";
import { recordFailure, recordSuccess, recordUnknownModel } from "../../channels/health";
import { env } from "../../env";
import { log } from "../../log";
import { GatewayError } from "../errors";
import { upstreamsFor, type Candidate } from "../providers/registry";
import type { UpstreamResponse } from "../providers/types";
import type { PreparedChat } from "./prepare";
import { readCompletion } from "./respond-json";
import { openStream, type OpenedStream } from "./respond-stream";
import { readUpstreamError } from "./upstream-error";

/**
 * The channel that answered and its response: for a stream its first event, otherwise the whole
 * body — both read before the client sees a byte, so a channel that fails before then is passed over.
 */
export type Forwarded = { candidate: Candidate; response: UpstreamResponse; opened: OpenedStream | null; raw: string | null };

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
    const latencyMs = Date.now() - sentAt;
    if (response.status >= 200 && response.status < 300) {
      const opened = prepared.stream ? await openStream(response).catch(() => null) : null;
      const raw = prepared.stream ? null : await readCompletion(response).catch(() => null);
      if (prepared.stream ? !opened || opened.first.done : raw === null) {
        response.abort();
        if (signal.aborted) throw new GatewayError("service_unavailable", "The client closed the request.");
        recordFailure(channel.name, "the answer broke off before it was complete");
        log.warn(`${model.id}: channel ${channel.name}'s answer broke off before reaching the client; trying the next channel`);
        continue;
      }
      recordSuccess(channel.name, latencyMs);
      return { candidate, response, opened, raw };
    }
    const error = await readUpstreamError(response.status, response.body);
    const kind = candidate.adaptor.classify(error);
    const said = `${error.status}${error.code ? ` (code ${error.code})` : ""}: ${error.message}`;
    if (kind === "client") throw new GatewayError("invalid_request", `${model.id} rejected the request: ${error.message}`);
    if (kind === "content") throw new GatewayError("invalid_request", `${model.id}'s provider refused this request under its content safety rules. Rephrase the input.`);
    if (kind === "account") {
      void disableRefusedChannel(channel, `the upstream answered ${said}`); // out of service here at once; the database write follows
      continue;
    }
    if (kind === "model") {
      recordUnknownModel(channel.name, `does not serve ${candidate.upstreamModel} (asked for ${model.id}): ${said}`);
      log.warn(`${model.id}: channel ${channel.name}'s provider does not know the model ${candidate.upstreamModel} (${said}); fix the upstream name (operator console, or \`npm run admin -- channel-set --name ${channel.name} --models …\`); trying the next channel`);
      continue;
    }
    recordFailure(channel.name, `answered ${said}`);
    log.warn(`${model.id}: channel ${channel.name} answered ${said}; trying the next channel`);
  }
  throw unavailable(prepared);
}
