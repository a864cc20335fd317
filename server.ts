// The server: /v1/* straight to the gateway core over node:http, every other path to Next.
// `npm start` runs it in production; `npm run dev` runs it with --dev (Next in development,
// embedded database and simulator by default, a demo account on first run).
import next from "next";
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

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const config = env();
  const { database, stop } = await boot();
  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: config.PORT });
  const nextHandler = app.getRequestHandler();
  await app.prepare();
  const runtime = trackedRuntime();

  const server = createAppServer(nextHandler, runtime);
  const inFlight = trackRequests(server);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));

  log.info(`SIB AI listening on ${publicUrl()} (${dev ? "development" : "production"})`);
  limiter(); // created now so its backend is logged at start
  log.info(`database: ${database.embedded ? "embedded PostgreSQL (single machine)" : "PostgreSQL from DATABASE_URL"}`);
  for (const line of describeProviders()) log.info(`provider ${line}`);
  if (dev) {
    await warmUpRoutes(`http://${config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST}:${config.PORT}`);
    const key = await seedDemoAccount();
    if (key) console.log(demoBanner(key, publicUrl()));
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing open requests (up to ${config.SHUTDOWN_TIMEOUT_MS} ms)…`);
    await stopGracefully({
      server, inFlight, drain: runtime.drain, deadlineMs: config.SHUTDOWN_TIMEOUT_MS,
      close: async () => {
        await closeProcessResources();
        await stop();
      },
    });
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: Error) => {
  console.error(`SIB AI failed to start: ${err.message}`);
  process.exit(1);
});
