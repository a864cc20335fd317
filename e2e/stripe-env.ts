// The Stripe fake for e2e runs: the global setup starts it and hands `env` to the app server.
// Webhooks go to the app whose success_url/return_url a session carries, so the fake needs
// no other address of the app.
import { startStripeServer } from "../tests/fakes/stripe-server";

/** Start the fake Stripe API on 127.0.0.1 (free port); `env` points the app's Stripe SDK at it. */
export async function startStripeFake(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const fake = await startStripeServer();
  return { env: fake.env(), close: () => fake.close() };
}
