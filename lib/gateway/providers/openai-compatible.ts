// An OpenAI-compatible upstream over a keep-alive undici Pool per origin.
import { Pool, errors as undiciErrors } from "undici";
import type { Upstream, UpstreamCall, UpstreamResponse } from "./types";

const globalForPools = globalThis as unknown as { __sibPools?: Map<string, Pool> };
const pools = (globalForPools.__sibPools ??= new Map());

function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: 256, pipelining: 1, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
    pools.set(origin, pool);
  }
  return pool;
}

/** The upstream could not be reached or did not answer in time. */
export class UpstreamUnavailable extends Error {}

/** An upstream speaking OpenAI's chat completions API at `baseUrl` (which ends before /chat/completions). */
export function openAICompatible(provider: string, channel: string, baseUrl: string, apiKey: string): Upstream {
  const url = new URL(baseUrl.replace(/\/$/, "") + "/chat/completions");
  const pool = poolFor(url.origin);
  const headers = {
    "content-type": "application/json",
    authorization: `Bearer ${apiKey}`,
    accept: "application/json, text/event-stream",
  };
  return {
    provider,
    channel,
    simulated: false,
    async send(call: UpstreamCall): Promise<UpstreamResponse> {
      try {
        const res = await pool.request({
          path: url.pathname + url.search,
          method: "POST",
          headers,
          body: JSON.stringify(call.body),
          signal: call.signal,
          headersTimeout: call.timeoutMs,
          bodyTimeout: call.timeoutMs,
        });
        return { status: res.statusCode, body: res.body, abort: () => res.body.destroy() };
      } catch (err) {
        if (call.signal.aborted) throw err;
        const reason = err instanceof undiciErrors.HeadersTimeoutError ? "timed out" : (err as Error).message;
        throw new UpstreamUnavailable(`channel ${channel} unreachable: ${reason}`);
      }
    },
  };
}

/** Close every upstream pool (graceful shutdown, tests). */
export async function closeUpstreamPools(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.close()));
  pools.clear();
}
