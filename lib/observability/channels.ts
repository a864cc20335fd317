// The channels this process can serve from (database and environment), and whether
// each is in service right now: enabled and not cooling down on this instance.
import { defaultChannels } from "../channels/defaults";
import { inService } from "../channels/health";
import { databaseChannels } from "../channels/snapshot";

/** Every channel by name, with `up` when it is enabled and not cooling down. */
export async function channelStates(): Promise<{ channel: string; up: boolean }[]> {
  const all = [...(await databaseChannels(false)), ...defaultChannels()];
  const now = Date.now();
  return all.map((c) => ({ channel: c.name, up: c.enabled && inService(c.name, now) }));
}
