// The default channels of the provider variables (DEEPSEEK_API_KEY, …): one per
// configured provider, serving every model of that provider at priority 0, weight 1.
// In development a keyless provider is served by the built-in simulator instead.
import { env, simulatorEnabled } from "../env";
import { PROVIDERS } from "../gateway/providers/catalog-of-providers";
import { openAICompatible } from "../gateway/providers/openai-compatible";
import { simulatorUpstream } from "../gateway/providers/simulator";
import { apiKeyHint } from "./cipher";
import type { RuntimeChannel } from "./runtime";

const globalForDefaults = globalThis as unknown as { __sibDefaultChannels?: RuntimeChannel[] };

function build(): RuntimeChannel[] {
  const config = env();
  const out: RuntimeChannel[] = [];
  for (const spec of Object.values(PROVIDERS)) {
    const key = spec.apiKey(config);
    const base = { provider: spec.id, servesProvider: spec.id, models: null, weight: 1, priority: 0, enabled: true, disabledReason: null, timeoutMs: null, source: "environment" } as const;
    if (key) {
      const name = `env-${spec.id}`;
      out.push({ ...base, id: name, name, baseUrl: spec.baseUrl(config), apiKeyHint: apiKeyHint(key), upstream: openAICompatible(spec.id, name, spec.baseUrl(config), key) });
    } else if (simulatorEnabled()) {
      const name = `simulator-${spec.id}`;
      out.push({ ...base, id: name, name, baseUrl: "simulator", apiKeyHint: "", upstream: simulatorUpstream(spec.id, name, config.SIMULATOR_TOKEN_DELAY_MS) });
    }
  }
  return out;
}

/** The environment's default channels (built once per process). */
export function defaultChannels(): RuntimeChannel[] {
  globalForDefaults.__sibDefaultChannels ??= build();
  return globalForDefaults.__sibDefaultChannels;
}
