// Once per e2e run: a scratch database with every migration and the catalog, the Stripe
// fake, and the production server with the simulator answering every model.
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createScratchDatabase } from "../../lib/db/scratch";
import { migrate } from "../../lib/db/migrate";
import { startStripeFake } from "../stripe-env";
import { startSmtpInbox } from "../../tests/fakes/smtp-inbox";
import { freePort } from "../../scripts/free-port";
import { startServer } from "./server";
import { secretsIn } from "../../tests/ops/secret-scan";
import { PASSWORD } from "../support/fixtures";

/** Passwords the specs type, besides the fixtures' default. */
const TYPED_PASSWORDS = ["not-the-password-1", "brand-new-pass-7", "billing-e2e-2026", "wrong-current-1", "another-pass-9"];

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
  // Every message the server mails arrives over SMTP at a real inbox; the specs read it from this file.
  const mailFile = path.join(outDir, "e2e-mail.jsonl");
  writeFileSync(mailFile, "");
  const inbox = await startSmtpInbox((mail) => appendFileSync(mailFile, `${JSON.stringify(mail)}\n`));
  const secrets = { NEXTAUTH_SECRET: randomBytes(32).toString("base64"), STRIPE_SECRET_KEY: stripe.env.STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: stripe.env.STRIPE_WEBHOOK_SECRET, CHANNEL_SECRET: randomBytes(32).toString("hex") };
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
      NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET,
      CHANNEL_SECRET: secrets.CHANNEL_SECRET,
      SIMULATOR: "true",
      SIMULATOR_TOKEN_DELAY_MS: "5",
      SMTP_URL: inbox.url,
      LOG_LEVEL: "info",
    },
    logFile,
  );
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_DATABASE_URL = scratch.url;
  process.env.E2E_SERVER_LOG = logFile;
  process.env.E2E_MAIL_FILE = mailFile;
  return async () => {
    await stop();
    await inbox.close();
    await stripe.close();
    await scratch.drop();
    // The whole run's server output: no key, password, card number or configured secret.
    const passwords = Object.fromEntries([PASSWORD, ...TYPED_PASSWORDS].map((p, i) => [`password #${i + 1}`, p]));
    const leaks = secretsIn(readFileSync(logFile, "utf8"), { ...secrets, ...passwords });
    if (leaks.length) throw new Error(`The e2e server's output (${logFile}) holds secrets: ${leaks.join(", ")}`);
  };
}
