// What a channel is: one upstream credential of a provider, serving some public models.
import type { ChannelHealth } from "./health";

export const CHANNEL_PROVIDERS = ["deepseek", "dashscope", "zhipu", "openai"] as const;
/** deepseek, dashscope, zhipu, or openai (any OpenAI-compatible host). */
export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];

/** A public model id served, with the name the upstream knows it by when that differs. */
export type ChannelModel = { id: string; upstream?: string };

export type ChannelInput = {
  name: string;
  provider: ChannelProvider;
  baseUrl: string;
  apiKey: string;
  models: ChannelModel[];
  weight?: number;
  priority?: number;
  enabled?: boolean;
  /** Per-try wait for the first byte, ms; null or absent: UPSTREAM_TIMEOUT_MS. */
  timeoutMs?: number | null;
};

/** A channel as operators see it: never the key, only its last four characters. */
export type ChannelView = {
  id: string;
  name: string;
  provider: ChannelProvider;
  baseUrl: string;
  apiKeyHint: string;
  /** null for a default channel from the environment: every model of its provider. */
  models: ChannelModel[] | null;
  weight: number;
  priority: number;
  enabled: boolean;
  /** Why the gateway disabled it (credential or balance refusal); null otherwise. */
  disabledReason: string | null;
  timeoutMs: number | null;
  /** "database" channels are edited with the CLI or console; "environment" ones by the provider variables. */
  source: "database" | "environment";
  health: ChannelHealth;
};

/** A refused channel edit (bad value, unknown or duplicate name): shown to the operator as is. */
export class ChannelError extends Error {}
