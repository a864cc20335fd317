// What each /v1 error code means for the customer, and what to do about it.
const HELP: Record<string, string> = {
  invalid_request: "The request body was not valid (see the API docs for the accepted fields).",
  invalid_api_key: "The API key was missing, wrong, revoked or expired.",
  insufficient_credits: "The balance could not cover the most this request could cost. Add credits on the Billing page.",
  key_spend_limit_reached: "The key's spend limit could not cover the most this request could cost. Raise it on the key's page, or wait for it to reset.",
  model_not_allowed_for_key: "The key may not call this model. Change its models on the key's page.",
  address_not_allowed_for_key: "The key may not be used from the caller's address. Add the address on the key's page.",
  rate_limit_exceeded: "The key's plan limit (tokens per minute or concurrent requests) was reached.",
  too_many_requests: "The key's requests-per-minute limit was reached; retry after the Retry-After header.",
  model_not_found: "The model does not exist or is not enabled.",
  invalid_model: "The model name was not one of the catalog's models.",
  not_found: "The endpoint does not exist.",
  method_not_allowed: "The endpoint does not accept that HTTP method.",
  server_error: "Something failed on our side. Quote the request id to support.",
  service_unavailable: "The model's provider was unavailable. Retrying later usually works.",
};

/** A sentence explaining an error code. */
export function errorHelp(code: string): string {
  return HELP[code] ?? "The request failed.";
}
