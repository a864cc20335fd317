// The server: /v1/* straight to the gateway core over node:http, every other path to Next.
// `npm start` runs it in production; `npm run dev` runs it with --dev (Next in development,
// embedded database and simulator by default, a demo account on first run). With
// SIB_ROLE=api it serves the API only and never loads Next.
import type http from "node:http";
import { disconnect } from "./lib/db";
import { env, publicUrl } from "./lib/env";
import { describeProviders } from "./lib/gateway/providers/registry";
import { limiter } from "./lib/limits/limiter";
import { log } from "./lib/log";
import { boot } from "./lib/server/boot";
import { demoBanner, seedDemoAccount } from "./lib/server/demo";
import { warmUpRoutes } from "./lib/server/warm-up";
import { trackedRuntime } from "./lib/server/pending";
import { createAppServer } from "./lib/server/app-server";
import { closeProcessResources, stopGracefully, trackRequests } from "./lib/server/shutdown";
import { takeStopSignals } from "./lib/server/stop-signals";
import { capHeapGrowth } from "./lib/server/heap-growth";

/** Next's request handler, ready to serve the web app. */
async function nextHandler(dev: boolean, port: number): Promise<http.RequestListener> {
  const { default: next } = await import("next");
  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();
  return (req, res) => void handle(req, res);
}

/** What an API-only process answers for the web app's paths. */
const apiOnly: http.RequestListener = (_req, res) => {
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("This instance serves the API only (SIB_ROLE=api): /v1, /healthz, /readyz, /metrics.\n");
};

async function main(): Promise<void> {
  const signals = takeStopSignals(); // a Ctrl-C during start-up must not leave the embedded database running
  capHeapGrowth();
  const dev = process.argv.includes("--dev");
  const config = env();
  const web = config.SIB_ROLE === "all";
  const { database, stop } = await boot();
  signals.stopWith(async (signal) => {
    log.info(`${signal}: stopping…`);
    await disconnect();
    await stop();
    log.info("stopped");
  });
  if (signals.signal.aborted) return;
  const runtime = trackedRuntime();

  const server = createAppServer(web ? await nextHandler(dev, config.PORT) : apiOnly, runtime);
  const inFlight = trackRequests(server);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  signals.stopWith(async (signal) => {
    log.info(`${signal}: finishing open requests (up to ${config.SHUTDOWN_TIMEOUT_MS} ms)…`);
    await stopGracefully({
      server, inFlight, drain: runtime.drain, deadlineMs: config.SHUTDOWN_TIMEOUT_MS,
      close: async () => {
        await closeProcessResources();
        await stop();
      },
    });
    log.info("stopped");
  });
  if (signals.signal.aborted) return;

  log.info(`SIB AI listening on ${publicUrl()} (${dev ? "development" : "production"}${web ? "" : ", API only"})`);
  limiter(); // created now so its backend is logged at start
  log.info(`database: ${database.embedded ? "embedded PostgreSQL (single machine)" : "PostgreSQL from DATABASE_URL"}`);
  for (const line of describeProviders()) log.info(`provider ${line}`);
  if (dev && web) {
    await warmUpRoutes(`http://${config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST}:${config.PORT}`, signals.signal);
    if (signals.signal.aborted) return;
    const key = await seedDemoAccount();
    if (key) console.log(demoBanner(key, publicUrl()));
  }
}

main().catch((err: Error) => {
  console.error(`SIB AI failed to start: ${err.message}`);
  process.exit(1);
});
