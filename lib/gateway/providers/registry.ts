// Which channels serve a request, in which order: the one function that decides.
// Everything is in memory (the database's channels are loaded once and reloaded on
// change): enabled channels serving the model, best priority first, weighted random
// inside a priority; channels cooling down come last, as a last resort.
import { defaultChannels } from "../../channels/defaults";
import { inService } from "../../channels/health";
import type { RuntimeChannel } from "../../channels/runtime";
import { databaseChannels } from "../../channels/snapshot";
import { env, simulatorEnabled } from "../../env";
import type { CatalogModel } from "../catalog";
import { GatewayError } from "../errors";
import { ADAPTORS } from "./adaptors";
import type { Adaptor } from "./adaptors/types";
import { PROVIDERS } from "./catalog-of-providers";

/** One way to serve a request: a channel, the model name it knows, its wire-format adaptor. */
export type Candidate = { channel: RuntimeChannel; upstreamModel: string; adaptor: Adaptor };

function serves(channel: RuntimeChannel, model: CatalogModel): string | null {
  if (channel.models) {
    if (!channel.models.has(model.id)) return null;
    return channel.models.get(model.id) ?? model.upstreamModel;
  }
  return channel.servesProvider === model.provider ? model.upstreamModel : null;
}

/** Order channels of one priority by weighted random choice without replacement. */
function weightedOrder(channels: RuntimeChannel[], random: () => number): RuntimeChannel[] {
  const left = [...channels];
  const out: RuntimeChannel[] = [];
  while (left.length) {
    let pick = random() * left.reduce((sum, c) => sum + c.weight, 0);
    let index = 0;
    while (index < left.length - 1 && (pick -= left[index].weight) >= 0) index++;
    out.push(left.splice(index, 1)[0]);
  }
  return out;
}

function ordered(channels: RuntimeChannel[], random: () => number): RuntimeChannel[] {
  const priorities = [...new Set(channels.map((c) => c.priority))].sort((a, b) => b - a);
  return priorities.flatMap((p) => weightedOrder(channels.filter((c) => c.priority === p), random));
}

/** The channels to try for `model`, in order. Throws 503 when no enabled channel serves it. */
export async function upstreamsFor(model: CatalogModel, random: () => number = Math.random): Promise<Candidate[]> {
  const all = [...(await databaseChannels()), ...defaultChannels()];
  const serving = all.filter((c) => c.enabled && serves(c, model) !== null);
  if (!serving.length) {
    const spec = PROVIDERS[model.provider];
    // A catalog row naming a provider we do not know, served by no channel, is our misconfiguration (500, logged).
    if (!spec) throw new Error(`model ${model.id} names provider "${model.provider}", and no channel serves it`);
    throw new GatewayError("service_unavailable", `${model.id} is unavailable: no upstream channel is configured for it (set ${spec.keyVar}, or add a channel with \`npm run admin -- channel-add\`).`);
  }
  const now = Date.now();
  const healthy = serving.filter((c) => inService(c.name, now));
  const cooling = serving.filter((c) => !inService(c.name, now));
  return [...ordered(healthy, random), ...ordered(cooling, random)].map((channel) => ({
    channel,
    upstreamModel: serves(channel, model)!,
    // The simulator speaks like the provider it stands in for.
    adaptor: ADAPTORS[channel.provider] ?? ADAPTORS.openai,
  }));
}

/** Describe the default channels, for the startup log. */
export function describeProviders(): string[] {
  const config = env();
  return Object.values(PROVIDERS).map((spec) => {
    if (spec.apiKey(config)) return `${spec.label}: ${spec.baseUrl(config)} (channel env-${spec.id})`;
    return simulatorEnabled() ? `${spec.label}: built-in simulator (no ${spec.keyVar})` : `${spec.label}: no ${spec.keyVar}; its models are served only by channels added with \`npm run admin -- channel-add\``;
  });
}
