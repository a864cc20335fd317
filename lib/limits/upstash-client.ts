// Upstash Redis over REST: commands issued in the same tick go out as one /pipeline request;
// a request's end is awaited (an HTTP call is not written before the response the way a socket write is).
// A call Upstash does not answer within COMMAND_TIMEOUT_MS fails as a store outage (a 503 to retry),
// as a self-hosted Redis's command timeout does, instead of waiting minutes for the HTTP client's own.
import { Redis } from "@upstash/redis";
import type { LimitStore } from "./store-limiter";
import { COMMAND_TIMEOUT_MS } from "./redis-guard";

/** A signal that aborts a call to Upstash after COMMAND_TIMEOUT_MS, with a reason lib/db/unavailable.ts reads as an outage. */
function commandTimeout(): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error(`Command timed out: Upstash did not answer within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS).unref();
  return controller.signal;
}

/** An Upstash REST client as a limit store. */
export function connectUpstash(url: string, token: string): LimitStore {
  const client = new Redis({ url, token, enableAutoPipelining: true, enableTelemetry: false, retry: { retries: 1 }, signal: commandTimeout });
  return { client, close: async () => undefined };
}
