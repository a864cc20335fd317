// What the upstreams received (the simulator's and each provider fake's GET /__requests),
// to check what the gateway forwarded.
import { inject } from "vitest";

import type { Recorded } from "../../scripts/simulator";

/** The requests the simulator and the provider fakes have recorded, oldest first per upstream, with how each ended. */
export async function upstreamRequests(): Promise<Recorded[]> {
  const urls = [inject("simulatorUrl"), ...Object.values(inject("fakeUrls"))];
  const lists = await Promise.all(urls.map(async (url) => (await fetch(`${new URL(url).origin}/__requests`)).json() as Promise<Recorded[]>));
  return lists.flat();
}
