// A graceful stop: no new connections; requests and streams in flight finish (up to a
// deadline, after which their connections are cut, which ends a stream as a client
// disconnect does: billed for what was delivered); idle keep-alive connections are closed;
// the work that outlives responses (settlement) is drained; then credit leases go back to their
// accounts and resources close.
import { closeObservability } from "../observability/shutdown";
import type http from "node:http";
import { closeLoginThrottle } from "../auth/login-throttle";
import { disconnect } from "../db";
import { closeUpstreamPools } from "../gateway/providers/openai-compatible";
import { closeKeyBus } from "../keys/invalidation";
import { limiter } from "../limits/limiter";
import { returnLeases } from "../billing/lease-pool";
import { log } from "../log";

const POLL_MS = 100;

/** Count the requests in flight on a server (attach before it listens). */
export function trackRequests(server: http.Server): () => number {
  let open = 0;
  server.on("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    open++;
    res.once("close", () => open--);
  });
  return () => open;
}

export type StopOptions = {
  server: http.Server;
  inFlight: () => number;
  /** Await the work that outlives responses (settlements). */
  drain: () => Promise<void>;
  deadlineMs: number;
  /** Close pools and connections once everything is done. */
  close: () => Promise<void>;
};

/** Stop serving gracefully; resolves when everything is closed. */
export async function stopGracefully({ server, inFlight, drain, deadlineMs, close }: StopOptions): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A connection becomes idle when its request ends; close each as soon as it does (and
  // answer with `Connection: close` meanwhile, so keep-alive clients reconnect elsewhere).
  server.on("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!res.headersSent) res.setHeader("connection", "close");
  });
  const deadline = Date.now() + deadlineMs;
  while (inFlight() > 0 && Date.now() < deadline) {
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  if (inFlight() > 0) log.warn(`shutdown deadline: cutting ${inFlight()} open request(s); streams are billed for what was delivered`);
  server.closeAllConnections();
  await closed;
  await drain();
  await close();
}

/** Close what a server process holds open: its credit leases (given back), upstream pools, Redis, the database pool. */
export async function closeProcessResources(): Promise<void> {
  // After the drain, so no settlement still moves charges out of a lease being returned.
  await returnLeases().catch((err: Error) => log.warn(`credit leases not returned (the sweeper will, once they expire): ${err.message}`));
  await Promise.allSettled([closeUpstreamPools(), limiter().close(), closeKeyBus(), closeLoginThrottle(), closeObservability(), disconnect()]);
}
