// The /v1 error table: the spec's codes and statuses as one typed map, and the one
// place that builds the spec's error body.
import { isStoreUnavailable } from "../db/unavailable";
import { log } from "../log";

/** Seconds a client is told to wait when a backing store is restarting. */
const OUTAGE_RETRY_AFTER_S = 2;
/** Each kind of outage (its message without numbers) is logged at most this often, not once per refused request. */
const OUTAGE_LOG_EVERY_MS = 10_000;
const outageLoggedAt = new Map<string, number>();

/** Tell the operator why requests are refused (a full disk, a read-only replica…): what answered 503 says only "briefly unavailable". */
function logOutage(err: unknown): void {
  const message = (err as Error)?.message ?? String(err);
  const kind = message.replace(/\d+/g, "#");
  const now = Date.now();
  if (now - (outageLoggedAt.get(kind) ?? 0) < OUTAGE_LOG_EVERY_MS) return;
  if (outageLoggedAt.size >= 100) outageLoggedAt.clear();
  outageLoggedAt.set(kind, now);
  log.warn(`requests answered 503: a backing store cannot serve them (${message})`);
}

const TABLE = {
  invalid_request: { status: 400, type: "invalid_request_error" },
  invalid_api_key: { status: 401, type: "invalid_request_error" },
  insufficient_credits: { status: 402, type: "insufficient_quota" },
  key_spend_limit_reached: { status: 402, type: "insufficient_quota" },
  rate_limit_exceeded: { status: 403, type: "rate_limit_error" },
  model_not_allowed_for_key: { status: 403, type: "invalid_request_error" },
  address_not_allowed_for_key: { status: 403, type: "invalid_request_error" },
  model_not_found: { status: 404, type: "invalid_request_error" },
  not_found: { status: 404, type: "invalid_request_error" },
  method_not_allowed: { status: 405, type: "invalid_request_error" },
  invalid_model: { status: 422, type: "invalid_request_error" },
  too_many_requests: { status: 429, type: "rate_limit_error" },
  server_error: { status: 500, type: "server_error" },
  service_unavailable: { status: 503, type: "server_error" },
} as const;

export type ErrorCode = keyof typeof TABLE;

/** A refusal with its code, message and the parameter it concerns. */
export class GatewayError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly param: string | null = null,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.status = TABLE[code].status;
  }
}

/** The spec's JSON error body. */
export function errorBody(code: ErrorCode, message: string, param: string | null = null): string {
  return JSON.stringify({ error: { code, message, param, type: TABLE[code].type } });
}

/** A GatewayError for anything thrown that is not one: a store outage is a 503 to retry; the rest a fault of ours, named by request id only. */
export function asGatewayError(err: unknown, requestId: string): GatewayError {
  if (err instanceof GatewayError) return err;
  if (isStoreUnavailable(err)) {
    logOutage(err);
    return new GatewayError("service_unavailable", `The service is briefly unavailable (request ${requestId}). Retry after ${OUTAGE_RETRY_AFTER_S} s.`, null, OUTAGE_RETRY_AFTER_S);
  }
  return new GatewayError("server_error", `Internal server error (request ${requestId}). Our team has been notified. Retry after a few seconds.`);
}
