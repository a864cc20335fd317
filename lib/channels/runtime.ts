// A channel ready to serve: its upstream connection and who it serves, held in memory.
import type { ProviderId } from "../gateway/catalog";
import type { Upstream } from "../gateway/providers/types";
import type { ChannelProvider } from "./types";

export type RuntimeChannel = {
  id: string;
  name: string;
  provider: ChannelProvider;
  baseUrl: string;
  apiKeyHint: string;
  upstream: Upstream;
  /** Public id → upstream name (undefined: the catalog's). null: every model of `servesProvider`. */
  models: Map<string, string | undefined> | null;
  servesProvider: ProviderId | null;
  weight: number;
  priority: number;
  enabled: boolean;
  disabledReason: string | null;
  timeoutMs: number | null;
  source: "database" | "environment";
};
