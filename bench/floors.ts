// The floors under ours' latency, measured from a Node client in the same run: one
// Redis round trip, and the balance hold and its release exactly as ours runs them
// (lib/billing/ledger's placeHold and releaseHold). One request at a time.
import IORedis from "ioredis";
import { placeHold, releaseHold } from "../lib/billing/ledger";
import { disconnect } from "../lib/db";
import { median, percentile } from "./stats";

/** Microseconds: p50 and p99 of each operation. */
export type Floors = Record<"Redis round trip" | "hold (placeHold)" | "release (releaseHold)", { p50Us: number; p99Us: number }>;

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
  try {
    for (let i = 0; i < rounds; i++) {
      const requestId = `bench_floor_${process.pid}_${i}`;
      await time(ping, () => redis.ping());
      await time(hold, () => placeHold(userId, requestId, 1_000_000n, 60_000));
      await time(release, () => releaseHold(requestId));
    }
  } finally {
    redis.disconnect();
    await disconnect();
  }
  return { "Redis round trip": summary(ping), "hold (placeHold)": summary(hold), "release (releaseHold)": summary(release) };
}
