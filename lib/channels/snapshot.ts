// The database's channels, decrypted and held in memory: the hot path never reads the
// table. Reloaded when this process edits a channel, when another instance announces
// an edit on the Redis bus (within a second), and every 15 s as a safety net.
import { boundedQuery } from "../db";
import { announceOnBus, listenOnBus } from "../keys/invalidation";
import { log } from "../log";
import { openAICompatible } from "../gateway/providers/openai-compatible";
import { decryptApiKey } from "./cipher";
import { startHealthReports } from "./health-report";
import type { RuntimeChannel } from "./runtime";
import type { ChannelModel, ChannelProvider } from "./types";

const TOPIC = "channels:changed";
const REFRESH_MS = 15_000;

type Snapshot = { channels: RuntimeChannel[]; loading: Promise<void> | null; queued: Promise<void> | null; timer: NodeJS.Timeout | null; loaded: boolean };
const globalForSnapshot = globalThis as unknown as { __sibChannels?: Snapshot };
const snap = (globalForSnapshot.__sibChannels ??= { channels: [], loading: null, queued: null, timer: null, loaded: false });

type ChannelRow = {
  id: string; name: string; provider: string; baseUrl: string; apiKeyCipher: string; apiKeyHint: string; models: unknown;
  weight: number; priority: number; enabled: boolean; disabledReason: string | null; timeoutMs: number | null;
};

async function load(): Promise<void> {
  const { rows } = await boundedQuery<ChannelRow>(
    `SELECT id, name, provider, "baseUrl", "apiKeyCipher", "apiKeyHint", models, weight, priority, enabled, "disabledReason", "timeoutMs"
     FROM "Channel" ORDER BY name`,
  );
  const channels: RuntimeChannel[] = [];
  for (const row of rows) {
    let apiKey: string;
    try {
      apiKey = decryptApiKey(row.apiKeyCipher);
    } catch (err) {
      log.error(`channel ${row.name}: ${(err as Error).message}; the channel is skipped`);
      continue;
    }
    const models = new Map((row.models as ChannelModel[]).map((m) => [m.id, m.upstream]));
    channels.push({
      id: row.id, name: row.name, provider: row.provider as ChannelProvider, baseUrl: row.baseUrl, apiKeyHint: row.apiKeyHint,
      upstream: openAICompatible(row.provider, row.name, row.baseUrl, apiKey),
      models, servesProvider: null, weight: row.weight, priority: row.priority, enabled: row.enabled,
      disabledReason: row.disabledReason, timeoutMs: row.timeoutMs, source: "database",
    });
  }
  snap.channels = channels;
  snap.loaded = true;
}

function loadOnce(): Promise<void> {
  snap.loading = load()
    .catch((err: Error) => log.warn(`channels: reload failed (${err.message}); keeping the last known channels`))
    .finally(() => (snap.loading = null));
  return snap.loading;
}

/** Load the channels again, reading the table after this call (a load already running may predate an edit: one more follows it). */
export function reloadChannels(): Promise<void> {
  if (!snap.loading) return loadOnce();
  snap.queued ??= snap.loading.then(() => {
    snap.queued = null;
    return loadOnce();
  });
  return snap.queued;
}

function start(): void {
  listenOnBus(TOPIC, () => void reloadChannels());
  snap.timer = setInterval(() => void reloadChannels(), REFRESH_MS);
  snap.timer.unref();
}

/** The database channels, loaded on first use; later calls answer from memory. A process serving traffic also reports its channel health. */
export async function databaseChannels(serving = true): Promise<RuntimeChannel[]> {
  if (serving) startHealthReports();
  if (!snap.loaded) {
    if (!snap.timer) start();
    await reloadChannels();
  }
  return snap.channels;
}

/** After an edit: reload here, and tell every other instance to reload. */
export async function channelsChanged(): Promise<void> {
  await reloadChannels();
  await announceOnBus(TOPIC, { at: Date.now() }, () => void reloadChannels());
}

/** Stop the periodic reload (graceful shutdown, tests). */
export function stopChannelRefresh(): void {
  if (snap.timer) clearInterval(snap.timer);
  snap.timer = null;
}
