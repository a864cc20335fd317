// A channel ready to serve: its upstream connection and who it serves, held in memory.
import type { ProviderId } from "../gateway/catalog";
import type { Upstream } from "../gateway/providers/types";
import type { ChannelSettings } from "./types";

export type RuntimeChannel = ChannelSettings & {
  upstream: Upstream;
  /** Public id → upstream name (undefined: the catalog's). null: every model of `servesProvider`. */
  models: Map<string, string | undefined> | null;
  servesProvider: ProviderId | null;
};
