// Memory under sustained load: RSS of a server before, during and after `total`
// requests, read after every `step` requests.
import { runLoad } from "./load";
import { rssMb, sampleRss } from "./memory";

export type SoakPlan = { total: number; step: number; connections: number; settleSeconds: number };
/** RSS in MB: idle before, after each step (cumulative requests), the peak while loaded, idle after. */
export type SoakResult = { beforeMb: number; points: { requests: number; rssMb: number }[]; peakMb: number; afterMb: number; failures: number; seconds: number };

/** Drive `origin` with counted wrk runs and watch `pid`'s RSS. */
export async function soak(pid: number, origin: string, requestFile: string, plan: SoakPlan, progress: (line: string) => void): Promise<SoakResult> {
  const beforeMb = rssMb(pid);
  const sampler = sampleRss(pid);
  const points: SoakResult["points"] = [];
  const started = Date.now();
  let requests = 0;
  let failures = 0;
  while (requests < plan.total) {
    const result = await runLoad({ origin, requestFile, connections: plan.connections, seconds: 600, stopAfter: plan.step });
    requests += result.requests;
    failures += result.failures;
    points.push({ requests, rssMb: rssMb(pid) });
    progress(`memory: ${requests.toLocaleString("en-US")} requests, RSS ${points.at(-1)!.rssMb.toFixed(1)} MB (${Math.round(result.rps)} req/s)`);
  }
  const peakMb = sampler.stop();
  const seconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, plan.settleSeconds * 1000));
  return { beforeMb, points, peakMb, afterMb: rssMb(pid), failures, seconds };
}
