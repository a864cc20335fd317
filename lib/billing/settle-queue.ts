// Group commit for settlements: settlements that arrive within SETTLE_GATHER_MS of the
// first (or of the end of the batch committing when they came) commit together in one statement — one disk
// flush for many requests, taken after the rows are unlocked. Gathering keeps a lightly
// loaded server from paying a transaction per request (at one connection ~10 requests
// share one). Each settlement resolves only once it is durable, and stays idempotent by request id.
import { boundedQuery, reservationPool } from "../db";
import { isStoreUnavailable } from "../db/unavailable";
import { env } from "../env";
import { log } from "../log";
import { recordSettlement } from "../observability/metrics";
import { watchBalances } from "./alerts/watch";
import { settleMany, type Settlement } from "./ledger";

type Pending = { settlement: Settlement; queuedAt: number; resolve: (charged: bigint | null) => void; reject: (err: unknown) => void };

const MAX_BATCH = 256;
type Queue = { pending: Pending[]; flushing: boolean; gathering: NodeJS.Timeout | null };
const globalForQueue = globalThis as unknown as { __sibSettleQueue?: Queue };
const queue = (globalForQueue.__sibSettleQueue ??= { pending: [], flushing: false, gathering: null });

async function commitBatch(batch: Pending[]): Promise<void> {
  try {
    // One statement for the whole batch, committed without waiting for the disk (the reservation
    // pool), so accounts are locked only while it runs; then wait for durability outside any lock:
    // a transaction that takes an id commits synchronously, and its flush covers the batch.
    const charged = await settleMany(batch.map((p) => p.settlement), reservationPool());
    await boundedQuery("SELECT txid_current()");
    const now = Date.now();
    for (const item of batch) {
      recordSettlement((now - item.queuedAt) / 1000);
      item.resolve(charged.get(item.settlement.requestId) ?? null);
    }
    watchBalances(batch.filter((p) => (charged.get(p.settlement.requestId) ?? 0n) > 0n).map((p) => p.settlement.userId));
  } catch (err) {
    // One by one finds a settlement the batch failed on; when the database is out of reach, each would
    // wait out the same timeout in turn (minutes for a large batch) while nothing else commits.
    if (batch.length === 1 || isStoreUnavailable(err)) throw err;
    log.warn(`settlement batch of ${batch.length} failed (${(err as Error).message}); settling one by one`);
    for (const item of batch) await commitBatch([item]).catch(item.reject);
  }
}

async function flush(): Promise<void> {
  if (queue.gathering) clearTimeout(queue.gathering);
  queue.gathering = null;
  queue.flushing = true;
  const batch = queue.pending.splice(0, MAX_BATCH);
  await commitBatch(batch).catch((err) => batch.forEach((item) => item.reject(err)));
  queue.flushing = false;
  schedule(); // what arrived meanwhile gathers in turn
}

/** Commit now when the batch is full or gathering is off, else when the gathering window ends. */
function schedule(): void {
  if (queue.flushing || !queue.pending.length) return; // a running flush schedules what it leaves
  const gatherMs = env().SETTLE_GATHER_MS;
  if (gatherMs === 0 || queue.pending.length >= MAX_BATCH) void flush();
  else queue.gathering ??= setTimeout(() => void flush(), gatherMs);
}

/** Settle a request's hold; resolves with the amount charged (null: already settled) once committed. */
export function settleDurably(settlement: Settlement): Promise<bigint | null> {
  return new Promise((resolve, reject) => {
    queue.pending.push({ settlement, queuedAt: Date.now(), resolve, reject });
    schedule();
  });
}

/** Settlements queued and not yet committing (for /metrics). */
export function settleQueueDepth(): number {
  return queue.pending.length;
}
