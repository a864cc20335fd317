// What each long stream would be billed so far, written off the hot path at most once a second
// (one statement per second for all of a process's streams), so that when the process dies
// mid-stream the sweeper bills what was delivered instead of giving it away.
import { reservationPool } from "../db";
import { log } from "../log";
import type { Queryable, Settlement } from "./ledger";

/** How often progress is written; at most this much output per stream can go unbilled after a crash. */
export const PROGRESS_INTERVAL_MS = 1_000;

type Tracked = { snapshot: () => Settlement | null; written: string | null };

const live = new Map<string, Tracked>();
/** Streams that ended after progress was written: their rows go in the next write. */
let ended: string[] = [];
let timer: NodeJS.Timeout | undefined;
let writing: Promise<void> | null = null;

/** Serialise a settlement for the StreamProgress row (BigInt cost and lease hold as strings). */
function toJson(s: Settlement): string {
  return JSON.stringify({ ...s, cost: s.cost.toString(), leaseHold: s.leaseHold?.toString() });
}

/** A settlement read back from a StreamProgress row. */
export function settlementFromProgress(json: Record<string, unknown>): Settlement {
  const leaseHold = typeof json.leaseHold === "string" ? BigInt(json.leaseHold) : undefined;
  return { ...(json as unknown as Settlement), cost: BigInt(json.cost as string), leaseHold, status: "interrupted" };
}

/** Write what changed since the last write, and drop the rows of streams that ended. */
export async function writeProgress(db: Queryable = reservationPool()): Promise<void> {
  const ids: string[] = [];
  const rows: string[] = [];
  for (const [requestId, tracked] of live) {
    const settlement = tracked.snapshot();
    if (!settlement) continue;
    const json = toJson(settlement);
    if (json === tracked.written) continue;
    tracked.written = json;
    ids.push(requestId);
    rows.push(json);
  }
  const gone = ended;
  ended = [];
  if (!ids.length && !gone.length) return;
  await db.query(
    `WITH d AS (DELETE FROM "StreamProgress" WHERE "requestId" = ANY($3::text[]))
     INSERT INTO "StreamProgress" ("requestId", settlement, "updatedAt")
     SELECT * , now() FROM unnest($1::text[], $2::jsonb[])
     ON CONFLICT ("requestId") DO UPDATE SET settlement = EXCLUDED.settlement, "updatedAt" = now()`,
    [ids, rows, gone],
  );
}

function tick(): void {
  if (!live.size && !ended.length) {
    clearInterval(timer);
    timer = undefined;
    return;
  }
  if (writing) return; // a slow database: skip a beat rather than pile up writes
  writing = writeProgress()
    .catch((err: Error) => log.warn(`stream progress not recorded: ${err.message}`))
    .finally(() => (writing = null));
}

/**
 * Record a stream's progress until the returned function is called (when it has ended and
 * its settlement is queued). `snapshot` gives the settlement of what was delivered so far, or
 * null while nothing has been.
 */
export function trackStream(requestId: string, snapshot: () => Settlement | null): () => void {
  live.set(requestId, { snapshot, written: null });
  if (!timer) {
    timer = setInterval(tick, PROGRESS_INTERVAL_MS);
    timer.unref();
  }
  return () => {
    const tracked = live.get(requestId);
    if (!tracked) return;
    live.delete(requestId);
    if (tracked.written !== null) ended.push(requestId);
  };
}
