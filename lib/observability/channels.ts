// Which channels (today: providers) this process can serve from its configuration.
import { env, simulatorEnabled } from "../env";
import { PROVIDERS } from "../gateway/providers/catalog-of-providers";

/** Each provider's id and whether it is configured (a key, or the simulator standing in). */
export function configuredChannels(): { channel: string; configured: boolean }[] {
  const config = env();
  const simulated = simulatorEnabled();
  return Object.values(PROVIDERS).map((spec) => ({ channel: spec.id, configured: Boolean(spec.apiKey(config)) || simulated }));
}
