// GET /metrics: the registry in Prometheus' text format, with the gauges read at scrape
// time (open holds and credit leases, settlement queue, database pools, channels) brought up to date first.
import { boundedQuery, pool, reservationPool } from "../db";
import { settleQueueDepth } from "../billing/settle-queue";
import { log } from "../log";
import { channelStates } from "./channels";
import { metrics } from "./metrics";

const DB_TIMEOUT_MS = 1_000;

async function countOpenHolds(): Promise<{ holds: number; leases: number } | null> {
  try {
    const { rows } = await boundedQuery<{ holds: number; leases: number }>(
      'SELECT (SELECT count(*)::int FROM "Hold") AS holds, (SELECT count(*)::int FROM "CreditLease") AS leases', [], DB_TIMEOUT_MS,
    );
    return rows[0];
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
  const open = await countOpenHolds();
  if (open !== null) {
    families.holdsOpen.set(open.holds);
    families.leasesOpen.set(open.leases);
  }
}

/** The metrics text and its content type. */
export async function scrape(): Promise<{ body: string; contentType: string }> {
  await refreshGauges();
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
