// What the simulator upstream received (its GET /__requests), to check what the gateway forwarded.
import { inject } from "vitest";

/** The request bodies the simulator has recorded, oldest first. */
export async function upstreamRequests(): Promise<{ requests: Record<string, unknown>[] }> {
  const origin = new URL(inject("simulatorUrl")).origin;
  const res = await fetch(`${origin}/__requests`);
  return { requests: (await res.json()) as Record<string, unknown>[] };
}
