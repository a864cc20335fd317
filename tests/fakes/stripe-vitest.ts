// Vitest wiring for billing tests: a Stripe fake, the app's config pointed at it, and the
// real webhook route served for the fake's deliveries.
import { afterAll, beforeAll } from "vitest";
import { disconnect } from "../../lib/db";
import { reloadEnv } from "../../lib/env";
import { startStripeServer, type StripeFake } from "./stripe-server";
import { serveWebhookRoute } from "./stripe-webhook-target";

/** Set or clear variables and re-read the config. */
export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadEnv();
}

/** Start a fake and the webhook route for this file; returns a getter for the fake. */
export function useStripeFake(): () => StripeFake {
  let fake: StripeFake | undefined;
  let route: Awaited<ReturnType<typeof serveWebhookRoute>> | undefined;
  beforeAll(async () => {
    route = await serveWebhookRoute();
    fake = await startStripeServer({ webhookUrl: route.url });
    setEnv(fake.env());
  });
  afterAll(async () => {
    await fake?.close();
    await route?.close();
    await disconnect();
  });
  return () => {
    if (!fake) throw new Error("the Stripe fake is not running yet");
    return fake;
  };
}
