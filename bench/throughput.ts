// Throughput and latency: every target at each concurrency, warmed up, then several
// rounds with the targets alternating (their order rotating each round).
import { runLoad, type LoadResult } from "./load";
import { sampleRss } from "./memory";
import type { Target, TargetName } from "./targets";

export type ThroughputPlan = { levels: number[]; rounds: number; seconds: number; warmupSeconds: number };
/** Every round of every target at one concurrency, and each server's RSS (MB) sampled while its own rounds ran. */
export type LevelResult = { connections: number; rounds: Record<TargetName, LoadResult[]>; rss: Partial<Record<TargetName, number[]>> };
export type Progress = (line: string) => void;
type Upstream = { served: () => Promise<number> };
/** One request like the load's, to show what a failing target answers. */
export type Sample = (target: Target) => Promise<string>;

function rotate<T>(items: T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function describe(result: LoadResult): string {
  const failed = result.failures ? `  ${result.failures} FAILED` : "";
  return `${Math.round(result.rps).toLocaleString("en-US")} req/s  p50 ${(result.p50Us / 1000).toFixed(2)} ms  p99 ${(result.p99Us / 1000).toFixed(2)} ms${failed}`;
}

/** Run the matrix; requestFiles holds each target's wrk request file. */
export async function measureThroughput(
  targets: Target[], requestFiles: Map<TargetName, string>, plan: ThroughputPlan, upstream: Upstream, sample: Sample, progress: Progress,
): Promise<LevelResult[]> {
  const results: LevelResult[] = [];
  const total = plan.levels.length * plan.rounds * targets.length;
  let step = 0;
  for (const connections of plan.levels) {
    const level: LevelResult = { connections, rounds: {} as Record<TargetName, LoadResult[]>, rss: {} };
    for (const target of targets) {
      progress(`c=${connections} warm-up ${target.name} (${plan.warmupSeconds}s)`);
      await runLoad({ origin: target.origin, requestFile: requestFiles.get(target.name)!, connections, seconds: plan.warmupSeconds });
      level.rounds[target.name] = [];
    }
    for (let round = 0; round < plan.rounds; round++) {
      for (const target of rotate(targets, round)) {
        step++;
        const before = await upstream.served();
        const rss = target.service ? sampleRss(target.service.pid) : null;
        const result = await runLoad({ origin: target.origin, requestFile: requestFiles.get(target.name)!, connections, seconds: plan.seconds });
        if (rss) {
          (level.rss[target.name] ??= []).push(...rss.take());
          rss.stop();
        }
        const forwarded = (await upstream.served()) - before;
        // Every answered request must have reached the upstream: nothing served from a shortcut.
        if (forwarded < result.requests * 0.99) progress(`  WARNING: ${target.name} answered ${result.requests} but the upstream saw ${forwarded}`);
        level.rounds[target.name].push(result);
        progress(`[${step}/${total}] c=${connections} round ${round + 1}/${plan.rounds} ${target.name.padEnd(8)} ${describe(result)}`);
        if (result.failures) progress(`  ${target.name} now answers: ${await sample(target)}`);
      }
    }
    results.push(level);
  }
  return results;
}
