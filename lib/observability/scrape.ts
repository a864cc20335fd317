// GET /metrics: the registry in Prometheus' text format, with the gauges read at scrape
// time (open holds, settlement queue, database pools, channels) brought up to date first.
import { pool, reservationPool } from "../db";
import { settleQueueDepth } from "../billing/settle-queue";
import { log } from "../log";
import { channelStates } from "./channels";
import { metrics } from "./metrics";
import { withTimeout } from "./timeout";

const DB_TIMEOUT_MS = 1_000;

async function countOpenHolds(): Promise<number | null> {
  try {
    const { rows } = await withTimeout(pool().query<{ n: number }>('SELECT count(*)::int AS n FROM "Hold"'), DB_TIMEOUT_MS);
    return rows[0].n;
  } catch (err) {
    log.warn(`metrics: could not count open holds: ${(err as Error).message}`);
    return null;
  }
}

async function refreshGauges(): Promise<void> {
  const { families } = metrics();
  families.settleQueue.set(settleQueueDepth());
  for (const [name, p] of [["main", pool()], ["reservations", reservationPool()]] as const) {
    families.dbPool.labels(name, "total").set(p.totalCount);
    families.dbPool.labels(name, "idle").set(p.idleCount);
    families.dbPool.labels(name, "waiting").set(p.waitingCount);
  }
  for (const { channel, up } of await channelStates()) families.channelUp.labels(channel).set(up ? 1 : 0);
  const holds = await countOpenHolds();
  if (holds !== null) families.holdsOpen.set(holds);
}

/** The metrics text and its content type. */
export async function scrape(): Promise<{ body: string; contentType: string }> {
  await refreshGauges();
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
