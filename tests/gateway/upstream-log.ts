// What the simulator upstream received (its GET /__requests), to check what the gateway forwarded.
import { inject } from "vitest";

import type { Recorded } from "../../scripts/simulator";

/** The requests the simulator has recorded, oldest first, with how each ended. */
export async function upstreamRequests(): Promise<Recorded[]> {
  const origin = new URL(inject("simulatorUrl")).origin;
  const res = await fetch(`${origin}/__requests`);
  return (await res.json()) as Recorded[];
}
