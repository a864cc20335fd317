// The node:http side of the operations endpoints, for server.ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "../log";
import { opsEndpoint } from "./endpoints";

/** Answer /healthz, /readyz or /metrics on `res` and return true; false for any other request. */
export function serveOps(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const answer = opsEndpoint(query === -1 ? url : url.slice(0, query), req.headers.authorization);
  if (!answer) return false;
  answer.then(
    (response) => {
      res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(response.body) });
      res.end(req.method === "HEAD" ? undefined : response.body);
    },
    (err: Error) => {
      log.error(`ops endpoint ${url}: ${err.message}`);
      if (!res.headersSent) res.writeHead(500).end();
    },
  );
  return true;
}
