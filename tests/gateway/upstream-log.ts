// What the upstreams received (the simulator's and each provider fake's GET /__requests),
// to check what the gateway forwarded.
import { inject } from "vitest";

import type { Recorded } from "../../scripts/simulator";
import { eventually } from "./harness";

/** The requests the simulator and the provider fakes have recorded, oldest first per upstream, with how each ended. */
export async function upstreamRequests(): Promise<Recorded[]> {
  const urls = [inject("simulatorUrl"), ...Object.values(inject("fakeUrls"))];
  const lists = await Promise.all(urls.map(async (url) => (await fetch(`${new URL(url).origin}/__requests`)).json() as Promise<Recorded[]>));
  return lists.flat();
}

/** The upstream request whose messages carry `marker`, once it has ended (waits for that). */
export function endedUpstreamRequest(marker: string): Promise<Recorded> {
  return eventually(async () => {
    const record = (await upstreamRequests()).find((r) => JSON.stringify(r.body.messages).includes(marker));
    return record?.outcome !== "pending" && record;
  });
}
