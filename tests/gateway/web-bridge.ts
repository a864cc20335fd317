// Test-only: serve the web-standard mount (lib/gateway/web.ts) over node:http, the way
// Next's route handlers receive requests, so both mounts run under one suite in process.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { handleWebRequest } from "../../lib/gateway/web";
import type { Runtime } from "../../lib/gateway/types";

/** Translate a node request to a web Request, answer it, and stream the Response back. */
export async function serveWeb(req: IncomingMessage, res: ServerResponse, runtime: Runtime): Promise<void> {
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: controller.signal,
    duplex: "half",
  } as RequestInit);
  const response = await handleWebRequest(request, { waitUntil: runtime.waitUntil });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  controller.signal.addEventListener("abort", () => void reader.cancel().catch(() => undefined));
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) res.write(next.value);
  } catch {
    // the client went away mid-stream
  }
  res.end();
}
