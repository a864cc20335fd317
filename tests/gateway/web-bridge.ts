// Test-only: serve the web-standard mount (lib/gateway/web.ts) over node:http, the way
// Next's route handlers receive requests, so both mounts run under one suite in process.
import type { IncomingMessage, ServerResponse } from "node:http";
import { handleWebRequest } from "../../lib/gateway/web";
import type { Runtime } from "../../lib/gateway/types";

/** Translate a node request to a web Request, answer it, and stream the Response back. */
export async function serveWeb(req: IncomingMessage, res: ServerResponse, runtime: Runtime): Promise<void> {
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: hasBody ? Buffer.concat(parts) : undefined,
    signal: controller.signal,
  });
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
