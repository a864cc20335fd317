// A real server process for reliability tests: the production app server (lib/server/app-server.ts)
// with the gateway core and the graceful stop of server.ts, but no Next (pages answer 404), so
// tests can start, kill and restart it in seconds. Prints "listening <port>" when ready.
import { env } from "../../lib/env";
import { seedCatalog } from "../../lib/gateway/catalog";
import { createAppServer } from "../../lib/server/app-server";
import { trackedRuntime } from "../../lib/server/pending";
import { closeProcessResources, stopGracefully, trackRequests } from "../../lib/server/shutdown";

const runtime = trackedRuntime();
const server = createAppServer((_req, res) => res.writeHead(404).end(), runtime);
const inFlight = trackRequests(server);
await seedCatalog();
server.listen(env().PORT, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => {
  void stopGracefully({ server, inFlight, drain: runtime.drain, deadlineMs: env().SHUTDOWN_TIMEOUT_MS, close: closeProcessResources })
    .then(() => process.exit(0));
});
