// The web-standard mount: app/v1 route handlers and the dashboard playground call this.
import type { KeyIdentity } from "../keys/lookup";
import { requestAddress } from "../client-address";
import { handle } from "./pipeline";
import type { GatewayRequest, Runtime } from "./types";

async function readBody(request: Request, limit: number): Promise<Uint8Array | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(next.value);
  }
  return Buffer.concat(parts);
}

function toStream(body: AsyncIterable<Uint8Array>, abort: () => void): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      abort();
      await iterator.return?.();
    },
  });
}

const detached: Runtime = { waitUntil: (promise) => void promise.catch(() => undefined) };

/** Answer a web Request for /v1/*. `identity` skips the bearer key (already authenticated callers). */
export async function handleWebRequest(
  request: Request,
  options: { identity?: KeyIdentity; waitUntil?: (promise: Promise<unknown>) => void } = {},
): Promise<Response> {
  const controller = new AbortController();
  request.signal?.addEventListener("abort", () => controller.abort(), { once: true });
  const url = new URL(request.url);
  const gatewayRequest: GatewayRequest = {
    method: request.method,
    path: url.pathname,
    header: (name) => request.headers.get(name) ?? undefined,
    body: (limit) => readBody(request, limit),
    signal: controller.signal,
    identity: options.identity,
    clientIp: requestAddress((name) => request.headers.get(name) ?? undefined),
  };
  const runtime = options.waitUntil ? { waitUntil: options.waitUntil } : detached;
  const response = await handle(gatewayRequest, runtime);
  const body = typeof response.body === "string" ? response.body : toStream(response.body, () => controller.abort());
  return new Response(body, { status: response.status, headers: response.headers });
}
