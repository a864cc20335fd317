// The /v1 pipeline: authenticate → limit ∥ (validate → hold [∥ forward, when both will likely agree]) → forward → respond → meter → settle.
// The hold is taken in memory from this process's credit lease on the account (lib/billing/credit-hold.ts).
// Framework-free: both mounts (node:http in server.ts, route handlers in app/v1) call handle().
import { randomUUID } from "node:crypto";
import { holdCredit, releaseCredit, type CreditHold } from "../billing/credit-hold";
import { likelyCovered } from "../billing/lease-pool";
import type { HoldOutcome } from "../billing/ledger";
import { trackStream } from "../billing/stream-progress";
import { env, publicUrl } from "../env";
import type { KeyIdentity } from "../keys/lookup";
import { limiter, type RateWindow, type Release } from "../limits/limiter";
import { PLAN_LIMITS } from "../limits/plans";
import { log } from "../log";
import { observeRequest, traceRequest } from "../observability/request";
import { traced, type RequestTrace } from "../observability/tracing";
import { API_SECURITY_HEADERS, strictTransportSecurity } from "../server/security-headers";
import { recordFailure } from "../usage/record-failure";
import { authenticate } from "./authenticate";
import { forward, type Forwarded } from "./chat/forward";
import type { PreparedChat } from "./chat/prepare";
import { respondJson } from "./chat/respond-json";
import { generatedText, newStreamEnd, relayStream, type StreamEnd } from "./chat/respond-stream";
import { chatSurface } from "./chat/surface";
import { asGatewayError, GatewayError } from "./errors";
import { checkKeyAccess, checkKeyModel, spendLimitReached } from "./key-controls";
import { countTokensBody, messagesSurface } from "./messages/surface";
import { rateLimitHeaders } from "./rate-headers";
import type { Surface } from "./surface";
import { meter, settlementOf, type Outcome } from "./meter";
import { listModelsBody, oneModelBody } from "./models";
import { nestsDeeperThan } from "./json-depth";
import { estimateTokens } from "./tokens";
import { estimatedUsage } from "./usage";
import type { GatewayRequest, GatewayResponse, Runtime } from "./types";

type Context = {
  requestId: string; startedAt: number; window: RateWindow | null; tokens: RateWindow | null;
  /** Ends the request's concurrency lease and counts its tokens against the key's tokens/minute. */
  release: Release;
  /** The key's limits have admitted this request. */
  admitted: boolean;
  /** Prompt + completion tokens of the answer, once known. */
  usedTokens: number;
  /** For metrics and the access log: when the upstream was called, the catalog model, the channel. */
  upstreamAt?: number; model?: string; channel?: string; trace: RequestTrace | null;
};

const JSON_TYPE = "application/json";
/** Deepest array/object nesting a body may have; deeper ones are refused before anything parses them. */
const MAX_JSON_DEPTH = 64;
/** Requests that fail authentication share a window per client address: it slows key guessing, and gives their 401 the spec's headers. */
const ANONYMOUS_LIMITS = { ...PLAN_LIMITS.FREE, rpm: 300, concurrent: Number.MAX_SAFE_INTEGER };

let baseHeaders: Record<string, string> | undefined;

function headers(ctx: Context, contentType: string): Record<string, string> {
  baseHeaders ??= { ...API_SECURITY_HEADERS, ...strictTransportSecurity(env().NODE_ENV === "production", publicUrl()) };
  const out: Record<string, string> = { ...baseHeaders, "content-type": contentType, "x-request-id": ctx.requestId };
  return ctx.window ? { ...out, ...rateLimitHeaders(ctx.window, ctx.tokens) } : out;
}

/** Name the request fields that were not forwarded (see chat/fields.ts). */
function ignoredHeader(h: Record<string, string>, prepared: PreparedChat): Record<string, string> {
  if (prepared.ignored.length) h["x-sib-ignored-params"] = prepared.ignored.join(", ");
  return h;
}

function errorResponse(ctx: Context, err: GatewayError, surface: Surface): GatewayResponse {
  const h = headers(ctx, JSON_TYPE);
  if (err.retryAfter !== undefined) h["retry-after"] = String(err.retryAfter);
  const { status, body } = surface.renderError(err, ctx.requestId);
  return { status, headers: h, body };
}

/** Count the request against its key's limits (or, unauthenticated, against the caller's address). */
async function admit(ctx: Context, identity: KeyIdentity | null, clientIp: string | undefined): Promise<void> {
  const subject = identity ? identity.keyId : `anonymous:${clientIp ?? "unknown"}`;
  const admission = await limiter().admit(subject, identity ? identity.limits : ANONYMOUS_LIMITS, ctx.requestId);
  ctx.window = admission.window;
  ctx.tokens = admission.tokens;
  if (!admission.ok) {
    const message = identity ? admission.message : `Too many requests without a valid API key from your address. Retry after ${admission.retryAfter} s.`;
    throw new GatewayError(admission.code, message, null, admission.retryAfter);
  }
  ctx.release = identity ? admission.release : async () => undefined;
  ctx.admitted = true;
  if (!identity) await admission.release();
}

async function readBody(req: GatewayRequest): Promise<Uint8Array> {
  const limit = env().MAX_BODY_BYTES;
  const body = await req.body(limit);
  if (body === null) throw new GatewayError("invalid_request", `The request body is larger than ${limit} bytes.`);
  const encoding = req.header("content-encoding")?.trim();
  if (encoding && encoding.toLowerCase() !== "identity") {
    throw new GatewayError("invalid_request", `The request body is compressed (Content-Encoding: ${encoding.slice(0, 40)}); this API reads plain JSON. Send the body uncompressed, without a Content-Encoding header.`);
  }
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw new GatewayError("invalid_request", `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  return body;
}

/** Validate the body (translated by its surface) and check the key may call its model. */
async function prepare(req: GatewayRequest, ctx: Context, identity: KeyIdentity, surface: Surface): Promise<PreparedChat> {
  const prepared = await surface.prepare(await readBody(req));
  ctx.model = prepared.model.id; // from here a refusal is logged and counted under its model
  checkKeyModel(identity, prepared.model.id);
  return prepared;
}

/**
 * Hold the request's maximum cost: in memory against this process's credit lease, or (a key
 * with a spend limit) as a Hold row checked against the limit.
 */
function hold(ctx: Context, identity: KeyIdentity, prepared: PreparedChat): Promise<{ outcome: HoldOutcome; hold: CreditHold | null }> {
  const limitedKey = identity.controls.spendLimit ? identity.keyId : undefined;
  return traced(ctx.trace, "hold", () => holdCredit(identity.userId, ctx.requestId, prepared.holdAmount, env().HOLD_TTL_MS, limitedKey));
}

/** A controller that also aborts when `signal` does (AbortSignal.any costs several times more per request). */
function followedBy(signal: AbortSignal): AbortController {
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  return controller;
}

type Forwarding = { at: number; result: Promise<Forwarded>; cancel: () => void };

/** Call the upstream (see chat/forward.ts); a cancellable call's `cancel` stops it, or closes the answer it got. */
function startForward(ctx: Context, prepared: PreparedChat, signal: AbortSignal, cancellable: boolean): Forwarding {
  const controller = cancellable ? followedBy(signal) : null;
  const result = traced(ctx.trace, "upstream", () => forward(prepared, controller?.signal ?? signal, env().UPSTREAM_TIMEOUT_MS));
  if (controller) result.catch(() => undefined); // a cancelled call's failure is nobody's
  return {
    at: Date.now(),
    result,
    cancel: () => {
      controller?.abort();
      void result.then((forwarded) => forwarded.response.abort(), () => undefined);
    },
  };
}

/**
 * Whether to call the upstream before the limits and the hold have answered: when this process has
 * seen the key with room in its limits (or the limits have just admitted the request: it counts as in
 * flight then, so a one-at-a-time key would seem full) and the account with credit for a request like
 * this one (a key with a spend limit never). Either refusing after all cancels the call; the
 * heuristics see the refusal, so a refused key or account is not called ahead again.
 */
function callAhead(ctx: Context, identity: KeyIdentity, prepared: PreparedChat): boolean {
  if (identity.controls.spendLimit || !likelyCovered(identity.userId, prepared.holdAmount)) return false;
  return ctx.admitted || limiter().likelyAdmits(identity.keyId, identity.limits);
}

/**
 * POST /v1/chat/completions (or /v1/messages, translated by its surface) once authenticated. The
 * limits (Redis) and the hold (memory, or PostgreSQL when the lease must grow) run side by side, and
 * — when both will very likely agree — the upstream call too; a refusal by the limits wins.
 */
async function chat(req: GatewayRequest, ctx: Context, identity: KeyIdentity, admitted: Promise<void>, runtime: Runtime, surface: Surface): Promise<GatewayResponse> {
  admitted.catch(() => undefined); // a refusal is handled below, once the body is read: not an unhandled rejection meanwhile
  let prepared: PreparedChat;
  try {
    prepared = await prepare(req, ctx, identity, surface);
  } catch (err) {
    await admitted;
    throw err;
  }
  const ahead = callAhead(ctx, identity, prepared) ? startForward(ctx, prepared, req.signal, true) : null; // before the hold changes the lease
  const holding = hold(ctx, identity, prepared);
  const [admission, holdings] = await Promise.allSettled([admitted, holding]);
  const refusal = admission.status === "rejected" ? admission.reason
    : holdings.status === "rejected" ? holdings.reason
      : holdings.value.outcome === "key_limit" ? spendLimitReached(identity)
        : !holdings.value.hold ? new GatewayError("insufficient_credits", "Your credit balance is too low for this request. Add credits in the dashboard's Billing page, or lower max_tokens.")
          : null;
  if (refusal) {
    ahead?.cancel();
    if (holdings.status === "fulfilled" && holdings.value.hold) runtime.waitUntil(releaseCredit(holdings.value.hold));
    throw refusal;
  }
  const credit = (holdings as PromiseFulfilledResult<{ hold: CreditHold }>).value.hold;
  const forwarding = ahead ?? startForward(ctx, prepared, req.signal, false);
  ctx.upstreamAt = forwarding.at;
  const base = { requestId: ctx.requestId, identity, hold: credit, model: prepared.model, stream: prepared.stream, startedAt: ctx.startedAt, upstreamAt: ctx.upstreamAt, trace: ctx.trace, api: surface.api };
  let forwarded;
  try {
    forwarded = await forwarding.result;
  } catch (err) {
    runtime.waitUntil(releaseCredit(credit));
    throw err;
  }
  const { candidate, raw } = forwarded;
  const served = { provider: candidate.channel.provider, channel: candidate.channel.name };
  ctx.channel = candidate.channel.name;
  if (raw !== null) {
    let result, body;
    try {
      result = respondJson(prepared, raw);
      body = surface.renderJson(prepared, result, ctx.requestId);
    } catch (err) {
      runtime.waitUntil(releaseCredit(credit));
      throw err;
    }
    ctx.usedTokens = result.usage.promptTokens + result.usage.completionTokens;
    runtime.waitUntil(meter({ ...base, ...served, usage: result.usage, estimated: result.estimated, produced: result.produced, status: "ok", firstTokenAt: null }));
    return { status: 200, headers: ignoredHeader(headers(ctx, JSON_TYPE), prepared), body };
  }
  return streamResponse(req, ctx, prepared, base, forwarded, runtime, surface);
}

async function streamResponse(
  req: GatewayRequest, ctx: Context, prepared: PreparedChat,
  base: Pick<Parameters<typeof meter>[0], "requestId" | "identity" | "hold" | "model" | "stream" | "startedAt" | "upstreamAt" | "trace" | "api">,
  { candidate, response, opened }: Awaited<ReturnType<typeof forward>>, runtime: Runtime, surface: Surface,
): Promise<GatewayResponse> {
  const release = ctx.release;
  ctx.release = async () => undefined; // the stream's end releases the lease, not the pipeline
  const outcome = (end: StreamEnd): Outcome => ({
    ...base, provider: candidate.channel.provider, channel: candidate.channel.name,
    usage: end.usage ?? estimatedUsage(prepared.promptEstimate, estimateTokens(generatedText(end))), estimated: end.usage === null,
    produced: end.generatedBytes.length > 0 || end.usage !== null, status: end.status, firstTokenAt: end.firstTokenAt,
  });
  const live = newStreamEnd();
  // Should this process die mid-stream, the sweeper bills what had been delivered (recorded each second).
  const stopProgress = trackStream(ctx.requestId, () => (live.generatedBytes || live.usage ? settlementOf(outcome(live)) : null));
  // The concurrency lease goes back before the client can see the stream's end: a client that sends its
  // next request the moment this one ends is then never refused as concurrent, whichever instance it reaches.
  const releaseLease = () => {
    const { usage } = outcome(live);
    return release(usage.promptTokens + usage.completionTokens);
  };
  const relayed = relayStream(prepared, {
    ...opened!,
    response,
    signal: req.signal,
    end: live,
    beforeEnd: releaseLease,
    onEnd: (end) => {
      runtime.waitUntil(releaseLease()); // a stream the client left ends here: its lease goes back all the same
      runtime.waitUntil(meter(outcome(end)));
      stopProgress();
    },
  });
  const body = surface.renderStream(prepared, relayed, ctx.requestId);
  const h = ignoredHeader(headers(ctx, "text/event-stream; charset=utf-8"), prepared);
  h["cache-control"] = "no-cache";
  h["x-accel-buffering"] = "no";
  return { status: 200, headers: h, body };
}

/** The model id of /v1/models/{id}, percent-decoded; a malformed encoding is a 400, not a URIError. */
function modelId(encoded: string): { model: string } | GatewayError {
  try {
    return { model: decodeURIComponent(encoded) };
  } catch {
    return new GatewayError("invalid_request", "The model id in the path is not valid percent-encoding.");
  }
}

type Target = "complete" | "count_tokens" | "models" | { model: string } | GatewayError;

const post = (req: GatewayRequest, path: string, target: Target): Target =>
  req.method === "POST" ? target : new GatewayError("method_not_allowed", `Use POST for ${path}.`);

/** What a path asks for, and the surface (wire format) it speaks, errors included. */
function route(req: GatewayRequest): { surface: Surface; target: Target } {
  const path = req.path.replace(/\/+$/, "");
  if (path === "/v1/chat/completions") return { surface: chatSurface, target: post(req, path, "complete") };
  if (path === "/v1/messages") return { surface: messagesSurface, target: post(req, path, "complete") };
  if (path === "/v1/messages/count_tokens") return { surface: messagesSurface, target: post(req, path, "count_tokens") };
  const unknown = new GatewayError("not_found", `Unknown endpoint ${req.method} ${req.path}. See /docs for the API.`);
  if (path.startsWith("/v1/messages/")) return { surface: messagesSurface, target: unknown };
  if (path === "/v1/models") return { surface: chatSurface, target: req.method === "GET" ? "models" : new GatewayError("method_not_allowed", "Use GET for /v1/models.") };
  const one = /^\/v1\/models\/(.+)$/.exec(path);
  if (one) return { surface: chatSurface, target: req.method === "GET" ? modelId(one[1]) : new GatewayError("method_not_allowed", "Use GET for /v1/models/{model}.") };
  return { surface: chatSurface, target: unknown };
}

/** Answer one /v1 request. Never throws: every failure is the spec's error response. */
export async function handle(req: GatewayRequest, runtime: Runtime): Promise<GatewayResponse> {
  const ctx: Context = {
    requestId: `req_${randomUUID().replace(/-/g, "")}`, startedAt: Date.now(), window: null, tokens: null, release: async () => undefined, admitted: false, usedTokens: 0,
    trace: traceRequest(req.method, req.path),
  };
  const response = await answer(req, ctx, runtime);
  // Counted once the answer is on its way: metrics and the access log are no part of the client's wait.
  setImmediate(observeRequest, { ...ctx, method: req.method, path: req.path, status: response.status });
  return response;
}

async function answer(req: GatewayRequest, ctx: Context, runtime: Runtime): Promise<GatewayResponse> {
  let identity: KeyIdentity | undefined; // known once authenticated: failures are then logged for the account
  const { surface, target } = route(req);
  try {
    let known: KeyIdentity;
    try {
      known = req.identity ?? (await traced(ctx.trace, "authenticate", () => authenticate(surface.credential(req))));
      identity = known; // an expired key's call, or one from outside its addresses, is in its owner's request log
      checkKeyAccess(known, req.clientIp); // refused like a bad key: the caller's address window, not the key's
    } catch (err) {
      if (err instanceof GatewayError) await admit(ctx, null, req.clientIp);
      throw err;
    }
    const admitted = traced(ctx.trace, "limits", () => admit(ctx, known, req.clientIp));
    if (target === "complete") return await chat(req, ctx, known, admitted, runtime, surface);
    await admitted;
    if (target instanceof GatewayError) throw target;
    const body = target === "count_tokens" ? await countTokensBody(await readBody(req))
      : target === "models" ? await listModelsBody(known) : await oneModelBody(target.model, known);
    return { status: 200, headers: headers(ctx, JSON_TYPE), body };
  } catch (err) {
    const error = asGatewayError(err, ctx.requestId);
    // A client that left before its answer is not a fault of ours: nobody reads this response.
    if (error.code === "server_error" && !req.signal.aborted) log.error(`${ctx.requestId} ${req.method} ${req.path}: ${(err as Error)?.stack ?? String(err)}`);
    if (identity) runtime.waitUntil(recordFailure({ requestId: ctx.requestId, userId: identity.userId, keyId: identity.keyId, code: error.code, httpStatus: error.status, startedAt: ctx.startedAt, model: ctx.model, channel: ctx.channel, api: surface.api }));
    return errorResponse(ctx, error, surface);
  } finally {
    // Before the answer is written: the client's next request must find the lease free.
    await ctx.release(ctx.usedTokens);
  }
}
