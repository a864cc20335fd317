// The HTTP server of a process: /healthz, /readyz and /metrics to lib/observability, /v1/* (and request targets that are not a path, like `*`)
// to the gateway core, every other path to Next with the connection's peer address stamped
// for the sign-in throttle, HSTS in production over https.
import http from "node:http";
import { env, publicUrl } from "../env";
import { stampPeer } from "../client-address";
import { handleNodeRequest } from "../gateway/node";
import type { Runtime } from "../gateway/types";
import { log } from "../log";
import { serveOps } from "../observability/node";
import { strictTransportSecurity } from "./security-headers";

/** Whether the gateway answers this request target (it gives unknown ones the spec's 404). */
function forGateway(url: string): boolean {
  return url === "/v1" || url.startsWith("/v1/") || url.startsWith("/v1?") || !url.startsWith("/");
}

/** A server for `next` (Next's request handler) and the gateway; not yet listening. */
export function createAppServer(next: http.RequestListener, runtime: Runtime): http.Server {
  const hsts = Object.entries(strictTransportSecurity(env().NODE_ENV === "production", publicUrl()));
  return http.createServer((req, res) => {
    for (const [name, value] of hsts) res.setHeader(name, value);
    if (serveOps(req, res)) return;
    const url = req.url ?? "/";
    if (forGateway(url)) {
      // Tracked like settlements, so a graceful stop waits for the handler itself (it queues its settlement only at the end).
      runtime.waitUntil(handleNodeRequest(req, res, runtime).catch((err: Error) => {
        log.error(`/v1 mount: ${err.stack ?? err.message}`);
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      }));
      return;
    }
    stampPeer((name, value) => (req.headers[name] = value), req.socket.remoteAddress);
    next(req, res);
  });
}
