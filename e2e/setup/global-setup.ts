// Once per e2e run: a scratch database with every migration and the catalog, the Stripe
// fake, and the production server with the simulator answering every model.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createScratchDatabase } from "../../lib/db/scratch";
import { migrate } from "../../lib/db/migrate";
import { startStripeFake } from "../stripe-env";
import { freePort } from "../../scripts/free-port";
import { startServer } from "./server";

const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function seed(databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const { reloadEnv } = await import("../../lib/env");
  reloadEnv();
  const { seedCatalog } = await import("../../lib/gateway/catalog");
  const { disconnect } = await import("../../lib/db");
  await seedCatalog();
  await disconnect();
}

// Global setup; returns the teardown.
export default async function globalSetup(): Promise<() => Promise<void>> {
  const scratch = await createScratchDatabase(ADMIN_DATABASE_URL, "e2e");
  await migrate(scratch.url, () => undefined);
  await seed(scratch.url);

  const stripe = await startStripeFake();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const outDir = path.resolve("test-results");
  mkdirSync(outDir, { recursive: true });
  const logFile = path.join(outDir, "e2e-server.log");
  const stop = await startServer(
    port,
    {
      ...stripe.env,
      DATABASE_URL: scratch.url,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      CHANNEL_SECRET: randomBytes(32).toString("hex"),
      SIMULATOR: "true",
      SIMULATOR_TOKEN_DELAY_MS: "5",
      LOG_LEVEL: "info",
    },
    logFile,
  );
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_DATABASE_URL = scratch.url;
  process.env.E2E_SERVER_LOG = logFile;
  return async () => {
    await stop();
    await stripe.close();
    await scratch.drop();
  };
}
