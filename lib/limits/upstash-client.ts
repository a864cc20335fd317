// Upstash Redis over REST: commands issued in the same tick go out as one /pipeline request;
// a request's end is awaited (an HTTP call is not written before the response the way a socket write is).
import { Redis } from "@upstash/redis";
import type { LimitStore } from "./store-limiter";

/** An Upstash REST client as a limit store. */
export function connectUpstash(url: string, token: string): LimitStore {
  const client = new Redis({ url, token, enableAutoPipelining: true, enableTelemetry: false, retry: { retries: 1 } });
  return { client, close: async () => undefined };
}
