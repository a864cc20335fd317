// Group commit for settlements: while one batch is committing, the next ones wait and
// then commit together, in one transaction — one disk flush for many requests, taken
// after the rows are unlocked. At low load a batch is one settlement and waits for
// nothing. Each settlement resolves only once it is durable, and stays idempotent by request id.
import { pool } from "../db";
import { log } from "../log";
import { settle, type Settlement } from "./ledger";

type Pending = { settlement: Settlement; resolve: (charged: bigint | null) => void; reject: (err: unknown) => void };

const MAX_BATCH = 256;
const globalForQueue = globalThis as unknown as { __sibSettleQueue?: { pending: Pending[]; flushing: boolean } };
const queue = (globalForQueue.__sibSettleQueue ??= { pending: [], flushing: false });

async function commitBatch(batch: Pending[]): Promise<void> {
  // One lock order for every batch (by user), so concurrent batches of several instances can't deadlock.
  const order = (p: Pending) => `${p.settlement.userId}\u0000${p.settlement.requestId}`;
  batch.sort((a, b) => (order(a) < order(b) ? -1 : 1));
  const client = await pool().connect();
  try {
    // Commit without waiting for the disk, so the accounts' rows are unlocked at once (holds of
    // the next requests wait on them); then wait for durability outside any lock: a transaction
    // that takes an id commits synchronously, and its flush covers every earlier commit.
    await client.query("BEGIN");
    await client.query("SET LOCAL synchronous_commit = off");
    const charged: (bigint | null)[] = [];
    for (const item of batch) charged.push(await settle(item.settlement, client));
    await client.query("COMMIT");
    await client.query("SELECT txid_current()");
    batch.forEach((item, i) => item.resolve(charged[i]));
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    if (batch.length === 1) throw err;
    log.warn(`settlement batch of ${batch.length} failed (${(err as Error).message}); settling one by one`);
    for (const item of batch) await settle(item.settlement).then(item.resolve, item.reject);
  } finally {
    client.release();
  }
}

async function flush(): Promise<void> {
  queue.flushing = true;
  while (queue.pending.length) {
    const batch = queue.pending.splice(0, MAX_BATCH);
    await commitBatch(batch).catch((err) => batch.forEach((item) => item.reject(err)));
  }
  queue.flushing = false;
}

/** Settle a request's hold; resolves with the amount charged (null: already settled) once committed. */
export function settleDurably(settlement: Settlement): Promise<bigint | null> {
  return new Promise((resolve, reject) => {
    queue.pending.push({ settlement, resolve, reject });
    if (!queue.flushing) void flush();
  });
}
