// The options channel-add and channel-set share, and turning them into channel fields.
import { ChannelError, parseModelList, parseProvider, type ChannelInput, type ChannelView } from "../channels";
import { InputError, optional, positiveInt, type OptionSpec, type Values } from "./command";

export const CHANNEL_OPTIONS: Record<string, OptionSpec> = {
  name: { type: "string", description: "the channel's name (required)" },
  provider: { type: "string", description: "deepseek, dashscope, zhipu or openai (any OpenAI-compatible host)" },
  "base-url": { type: "string", description: "the upstream's base URL, before /chat/completions" },
  "api-key": { type: "string", description: "the upstream API key (stored encrypted, never shown again)" },
  models: { type: "string", description: "public model ids it serves: id[=upstream-name],…" },
  weight: { type: "string", description: "share of traffic inside its priority (default 1)" },
  priority: { type: "string", description: "higher is tried first (default 0)" },
  timeout: { type: "string", description: "ms to wait for the first byte (default UPSTREAM_TIMEOUT_MS)" },
};

function integer(values: Values, name: string): number | undefined {
  const value = optional(values, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new InputError(`--${name} must be a whole number, not "${value}".`);
  return Number(value);
}

/** The channel fields given on the command line (absent ones left out). */
export function channelFields(values: Values): Partial<ChannelInput> {
  const fields: Partial<ChannelInput> = {};
  try {
    const provider = optional(values, "provider");
    if (provider !== undefined) fields.provider = parseProvider(provider);
    const models = optional(values, "models");
    if (models !== undefined) fields.models = parseModelList(models);
  } catch (err) {
    if (err instanceof ChannelError) throw new InputError(err.message);
    throw err;
  }
  const baseUrl = optional(values, "base-url");
  if (baseUrl !== undefined) fields.baseUrl = baseUrl;
  const apiKey = optional(values, "api-key");
  if (apiKey !== undefined) fields.apiKey = apiKey;
  const weight = positiveInt(values, "weight");
  if (weight !== undefined) fields.weight = weight;
  const priority = integer(values, "priority");
  if (priority !== undefined) fields.priority = priority;
  const timeout = positiveInt(values, "timeout");
  if (timeout !== undefined) fields.timeoutMs = timeout;
  return fields;
}

const percent = (rate: number | null) => (rate === null ? "no tries yet" : `${Math.round(rate * 100)}% ok`);

/** One channel on a few lines, for people (never the key, only its last four characters). */
export function describeChannel(c: ChannelView): string[] {
  const state = c.enabled ? (c.health.cooledUntil ? `cooling down until ${c.health.cooledUntil}` : "enabled") : `DISABLED${c.disabledReason ? ` (${c.disabledReason})` : ""}`;
  const models = c.models ? c.models.map((m) => (m.upstream ? `${m.id}=${m.upstream}` : m.id)).join(",") : "every model of its provider";
  const h = c.health;
  return [
    `${c.name} · ${c.provider} · ${state} · priority ${c.priority} · weight ${c.weight}${c.source === "environment" ? " · from the environment" : ""}`,
    `    ${c.baseUrl} · key …${c.apiKeyHint || "????"} · timeout ${c.timeoutMs === null ? "default" : `${c.timeoutMs} ms`} · models ${models}`,
    `    health (this process): ${percent(h.successRate)} of ${h.tries} · latency ${h.latencyMs === null ? "–" : `${h.latencyMs} ms`}` +
      (h.lastError ? ` · last error ${h.lastErrorAt}: ${h.lastError}` : ""),
  ];
}
