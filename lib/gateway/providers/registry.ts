// Which upstream serves a request: the one function that decides. Today a model has
// one channel (its provider, or the simulator for a keyless provider in development);
// weighted channels and failover plug in here.
import { env, simulatorEnabled } from "../../env";
import type { CatalogModel } from "../catalog";
import { GatewayError } from "../errors";
import { PROVIDERS } from "./catalog-of-providers";
import { openAICompatible } from "./openai-compatible";
import { simulatorUpstream } from "./simulator";
import type { Upstream } from "./types";

const globalForUpstreams = globalThis as unknown as { __sibUpstreams?: Map<string, Upstream> };
const upstreams = (globalForUpstreams.__sibUpstreams ??= new Map());

function build(providerId: CatalogModel["provider"]): Upstream | null {
  const spec = PROVIDERS[providerId];
  const config = env();
  const key = spec.apiKey(config);
  if (key) return openAICompatible(spec.id, spec.baseUrl(config), key);
  if (simulatorEnabled()) return simulatorUpstream(spec.id, config.SIMULATOR_TOKEN_DELAY_MS);
  return null;
}

/** The upstreams that may serve `model`, in the order to try them. Throws 503 when none is configured. */
export function upstreamsFor(model: CatalogModel): Upstream[] {
  let upstream = upstreams.get(model.provider);
  if (upstream === undefined) {
    upstream = build(model.provider) ?? undefined;
    if (upstream) upstreams.set(model.provider, upstream);
  }
  if (!upstream) {
    const spec = PROVIDERS[model.provider];
    throw new GatewayError("service_unavailable", `${model.id} is unavailable: the ${spec.label} provider is not configured (set ${spec.keyVar}).`);
  }
  return [upstream];
}

/** A provider's body adjustments, if it has any. */
export function adaptBody(model: CatalogModel, body: Record<string, unknown>): void {
  PROVIDERS[model.provider].adapt?.(body);
}

/** Describe how each provider is served, for the startup log. */
export function describeProviders(): string[] {
  const config = env();
  return Object.values(PROVIDERS).map((spec) => {
    if (spec.apiKey(config)) return `${spec.label}: ${spec.baseUrl(config)}`;
    return simulatorEnabled() ? `${spec.label}: built-in simulator (no ${spec.keyVar})` : `${spec.label}: not configured (set ${spec.keyVar}); its models answer 503`;
  });
}
