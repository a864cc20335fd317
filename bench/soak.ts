// Memory under sustained load: RSS of a server before, during and after `total`
// requests, sampled continuously and summarised per `step` requests.
import { runLoad } from "./load";
import { rssMb, sampleRss } from "./memory";
import { median } from "./stats";

export type SoakPlan = { total: number; step: number; connections: number; settleSeconds: number };
/** One step: requests so far, and the median and highest RSS (MB) sampled while it ran. */
export type SoakStep = { requests: number; medianMb: number; maxMb: number };
/** RSS in MB: idle before, per step, idle after. */
export type SoakResult = { beforeMb: number; steps: SoakStep[]; afterMb: number; failures: number; seconds: number };

/** Drive `origin` with counted wrk runs and watch `pid`'s RSS. */
export async function soak(
  pid: number, origin: string, requestFile: string, plan: SoakPlan, sample: () => Promise<string>, progress: (line: string) => void,
): Promise<SoakResult> {
  const beforeMb = rssMb(pid);
  const sampler = sampleRss(pid);
  const steps: SoakStep[] = [];
  const started = Date.now();
  let requests = 0;
  let failures = 0;
  try {
    while (requests < plan.total) {
      const result = await runLoad({ origin, requestFile, connections: plan.connections, seconds: 600, stopAfter: plan.step });
      requests += result.requests;
      failures += result.failures;
      const samples = sampler.take();
      steps.push({ requests, medianMb: median(samples), maxMb: Math.max(...samples) });
      const failed = result.failures ? `, ${result.failures} FAILED` : "";
      progress(`memory: ${requests.toLocaleString("en-US")} requests, RSS median ${steps.at(-1)!.medianMb.toFixed(1)} MB, max ${steps.at(-1)!.maxMb.toFixed(1)} MB (${Math.round(result.rps)} req/s${failed})`);
      if (result.failures) progress(`  ours now answers: ${await sample()}`);
    }
  } finally {
    sampler.stop();
  }
  const seconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, plan.settleSeconds * 1000));
  return { beforeMb, steps, afterMb: rssMb(pid), failures, seconds };
}
