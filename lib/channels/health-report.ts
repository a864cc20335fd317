// Health is kept per instance; each instance that serves traffic also posts its view to
// Redis every 2 s, so channel-list and the console, from any process, can show what every
// live instance sees. Without Redis: this process only. The views are fields of one hash
// (instance → when and what), read in one command — never a scan of Redis's keyspace, which
// would hold up every limits script meanwhile; a view older than 30 s is a gone instance's,
// left out and removed by whoever reads it.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { env } from "../env";
import { busConnection } from "../keys/invalidation";
import { allHealth, type ChannelHealth } from "./health";

const EVERY_MS = 2_000;
const TTL_MS = 30_000;
/** One instance's view of a channel. */
export type ReportedHealth = { instance: string; health: ChannelHealth };
type Report = { at: number; health: Record<string, ChannelHealth> };

const globalForReports = globalThis as unknown as { __sibHealthReports?: { instance: string; timer: NodeJS.Timeout } };
const hashKey = () => `${env().REDIS_KEY_PREFIX}:channel-health`;

/** Post this instance's view now (when it has tried any channel). */
export async function postHealthReport(instance: string, now = Date.now()): Promise<void> {
  const health = allHealth(now);
  const redis = busConnection();
  if (!redis || !Object.keys(health).length) return;
  const report: Report = { at: now, health };
  await redis.multi().hset(hashKey(), instance, JSON.stringify(report)).pexpire(hashKey(), TTL_MS).exec();
}

/** Start posting this instance's channel health (once per process; a no-op without Redis). */
export function startHealthReports(): void {
  if (globalForReports.__sibHealthReports || !env().REDIS_URL) return;
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 4)}`;
  const timer = setInterval(() => void postHealthReport(instance).catch(() => undefined), EVERY_MS);
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
export async function reportedHealth(now = Date.now()): Promise<Map<string, ReportedHealth[]>> {
  const out = new Map<string, ReportedHealth[]>();
  const redis = busConnection();
  if (!redis) return out;
  const reports = await redis.hgetall(hashKey()).catch(() => ({}) as Record<string, string>);
  const gone: string[] = [];
  for (const [instance, raw] of Object.entries(reports)) {
    const report = JSON.parse(raw) as Report;
    if (now - report.at > TTL_MS) {
      gone.push(instance);
      continue;
    }
    for (const [name, health] of Object.entries(report.health)) out.set(name, [...(out.get(name) ?? []), { instance, health }]);
  }
  if (gone.length) void redis.hdel(hashKey(), ...gone).catch(() => undefined);
  return out;
}
