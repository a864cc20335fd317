// The gateway's errors in Anthropic's shape (docs.anthropic.com/en/api/errors):
// {"type":"error","error":{"type":…,"message":…},"request_id":…} with Anthropic's statuses.
import { GatewayError, type ErrorCode } from "../errors";
import type { ErrorType } from "./wire";

/**
 * Our codes → Anthropic's status and type. Token and request limits are both Anthropic's 429
 * rate_limit_error; too little credit is its 402 billing_error; an unknown model its 404; our
 * upstreams down (or a store restarting) its 529 overloaded_error, which its SDK and Claude Code retry.
 * A 403 (a key's model or address not allowed) is its permission_error. Every code must have a row.
 */
const TABLE: Record<ErrorCode, { status: number; type: ErrorType }> = {
  invalid_request: { status: 400, type: "invalid_request_error" },
  invalid_api_key: { status: 401, type: "authentication_error" },
  insufficient_credits: { status: 402, type: "billing_error" },
  key_spend_limit_reached: { status: 402, type: "billing_error" },
  model_not_allowed_for_key: { status: 403, type: "permission_error" },
  address_not_allowed_for_key: { status: 403, type: "permission_error" },
  rate_limit_exceeded: { status: 429, type: "rate_limit_error" },
  model_not_found: { status: 404, type: "not_found_error" },
  not_found: { status: 404, type: "not_found_error" },
  method_not_allowed: { status: 405, type: "invalid_request_error" },
  invalid_model: { status: 404, type: "not_found_error" },
  too_many_requests: { status: 429, type: "rate_limit_error" },
  server_error: { status: 500, type: "api_error" },
  service_unavailable: { status: 529, type: "overloaded_error" },
};

/** Anthropic's status and type for a gateway error. */
export function anthropicStatus(err: GatewayError): { status: number; type: ErrorType } {
  return TABLE[err.code];
}

/** Anthropic's error body (also the payload of a stream's `error` event). */
export function anthropicError(code: string, message: string, requestId: string): { type: "error"; error: { type: ErrorType; message: string }; request_id: string } {
  const type = (TABLE as Record<string, { type: ErrorType }>)[code]?.type ?? "api_error";
  return { type: "error", error: { type, message }, request_id: requestId };
}
