// The production server's dispatch in this process, over real HTTP: the operations
// endpoints first (lib/observability/node.ts, as server.ts calls it), then /v1.
import http from "node:http";
import { handleNodeRequest } from "../../lib/gateway/node";
import { serveOps } from "../../lib/observability/node";
import { trackedRuntime } from "../../lib/server/pending";

/** Listen on a free port; returns its URL, a drain for settlement work, and close. */
export async function startOpsMount(): Promise<{ url: string; drain: () => Promise<void>; close: () => Promise<void> }> {
  const runtime = trackedRuntime();
  const server = http.createServer((req, res) => {
    if (serveOps(req, res)) return;
    void handleNodeRequest(req, res, runtime);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    drain: runtime.drain,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
