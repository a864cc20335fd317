// Health is kept per instance; each instance that serves traffic also posts its view to
// Redis every 2 s (expiring after 30 s), so channel-list and the console, from any
// process, can show what every live instance sees. Without Redis: this process only.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { env } from "../env";
import { busConnection } from "../keys/invalidation";
import { allHealth, type ChannelHealth } from "./health";

const EVERY_MS = 2_000;
const TTL_MS = 30_000;
/** One instance's view of a channel. */
export type ReportedHealth = { instance: string; health: ChannelHealth };

const globalForReports = globalThis as unknown as { __sibHealthReports?: { instance: string; timer: NodeJS.Timeout } };
const key = (instance: string) => `${env().REDIS_KEY_PREFIX}:channel-health:${instance}`;

/** Start posting this instance's channel health (once per process; a no-op without Redis). */
export function startHealthReports(): void {
  if (globalForReports.__sibHealthReports || !env().REDIS_URL) return;
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 4)}`;
  const timer = setInterval(() => {
    const health = allHealth();
    if (!Object.keys(health).length) return;
    void busConnection()?.set(key(instance), JSON.stringify(health), "PX", TTL_MS).catch(() => undefined);
  }, EVERY_MS);
  timer.unref();
  globalForReports.__sibHealthReports = { instance, timer };
}

/** Stop posting (graceful shutdown, tests). */
export function stopHealthReports(): void {
  const reports = globalForReports.__sibHealthReports;
  if (reports) clearInterval(reports.timer);
  globalForReports.__sibHealthReports = undefined;
}

/** What every live instance last reported, per channel name. */
export async function reportedHealth(): Promise<Map<string, ReportedHealth[]>> {
  const out = new Map<string, ReportedHealth[]>();
  const redis = busConnection();
  if (!redis) return out;
  const prefix = key("");
  const keys = await redis.keys(`${prefix}*`).catch(() => [] as string[]);
  const values = keys.length ? await redis.mget(...keys).catch(() => [] as (string | null)[]) : [];
  keys.forEach((k, i) => {
    const raw = values[i];
    if (!raw) return;
    for (const [name, health] of Object.entries(JSON.parse(raw) as Record<string, ChannelHealth>)) {
      out.set(name, [...(out.get(name) ?? []), { instance: k.slice(prefix.length), health }]);
    }
  });
  return out;
}
