// The floors under ours' latency, measured from a Node client in the same run: one
// Redis round trip; a request's hold and its release as ours runs them — against this
// process's credit lease, in memory (lib/billing/lease-pool.ts) — and, for comparison, as the
// PostgreSQL statements a key with a spend limit still takes (lib/billing/ledger's placeHold
// and releaseHold). One request at a time.
import IORedis from "ioredis";
import { placeHold, releaseHold } from "../lib/billing/ledger";
import { endLeaseHold, holdFromLease, returnLeases } from "../lib/billing/lease-pool";
import { disconnect } from "../lib/db";
import { median, percentile } from "./stats";

/** Microseconds: p50 and p99 of each operation. */
export type Floors = Record<
  "Redis round trip" | "hold from a credit lease (memory)" | "release to the lease (memory)" | "hold on PostgreSQL (placeHold)" | "release on PostgreSQL (releaseHold)",
  { p50Us: number; p99Us: number }
>;

async function time(samples: number[], work: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await work();
  samples.push((performance.now() - start) * 1000);
}

const summary = (samples: number[]) => ({ p50Us: median(samples), p99Us: percentile(samples, 99) });

/** Time `rounds` of each, after the bench database is prepared (lib/db points at it). */
export async function measureFloors(redisUrl: string, userId: string, rounds = 300): Promise<Floors> {
  const redis = new IORedis(redisUrl);
  const ping: number[] = [];
  const hold: number[] = [];
  const release: number[] = [];
  const leaseHold: number[] = [];
  const leaseRelease: number[] = [];
  try {
    const leaseId = await holdFromLease(userId, 1_000_000n); // opens the lease: one statement, not timed
    if (leaseId === null) throw new Error("the bench account cannot cover a hold");
    endLeaseHold(userId, leaseId, 1_000_000n, 0n);
    for (let i = 0; i < rounds; i++) {
      const requestId = `bench_floor_${process.pid}_${i}`;
      await time(ping, () => redis.ping());
      await time(leaseHold, () => holdFromLease(userId, 1_000_000n));
      await time(leaseRelease, async () => endLeaseHold(userId, leaseId, 1_000_000n, 0n));
      await time(hold, () => placeHold(userId, requestId, 1_000_000n, 60_000));
      await time(release, () => releaseHold(requestId));
    }
  } finally {
    redis.disconnect();
    await returnLeases().catch(() => undefined);
    await disconnect();
  }
  return {
    "Redis round trip": summary(ping),
    "hold from a credit lease (memory)": summary(leaseHold), "release to the lease (memory)": summary(leaseRelease),
    "hold on PostgreSQL (placeHold)": summary(hold), "release on PostgreSQL (releaseHold)": summary(release),
  };
}
