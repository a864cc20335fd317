// The streaming client, in its own process: one stream at a time through each target,
// targets alternating, timing the first and the last body byte of every stream. Three sample sets
// per target: each key's first stream (`first`: the key's lookup, first admission and a credit
// lease), a key's first stream of a round after seconds without one (`idle`: its credit lease has
// gone back to the account meanwhile), and the round's other streams on that key (`streams`: an
// active customer's, what the targets compare).
//   tsx bench/stream-probe.ts <plan.json>   (written by bench/streaming.ts; prints one JSON line)
import http from "node:http";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

export type ProbeTarget = { name: string; url: string; headers: Record<string, string>; keys: string[] };
export type ProbePlan = { targets: ProbeTarget[]; body: string; rounds: number; perRound: number; warmup: number };
/** One stream: microseconds to the response headers and to the first and last body byte, socket reads and SSE events seen. */
export type StreamSample = { headersUs: number; ttfbUs: number; ttlbUs: number; reads: number; events: number; status: number };
/** Per target: an active key's streams, a key's first after a pause, each key's first. */
export type ProbeResult = Record<string, { streams: StreamSample[]; idle: StreamSample[]; first: StreamSample[] }>;

const FAILED: StreamSample = { headersUs: Number.NaN, ttfbUs: Number.NaN, ttlbUs: Number.NaN, reads: 0, events: 0, status: 0 };

function once(target: ProbeTarget, agent: http.Agent, body: string, key: string): Promise<StreamSample> {
  return new Promise<StreamSample>((resolve, reject) => {
    const url = new URL(target.url);
    const headers = { ...target.headers, authorization: `Bearer ${key}`, "content-length": String(Buffer.byteLength(body)) };
    const start = performance.now();
    let first = 0;
    let reads = 0;
    let text = "";
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers, agent }, (res) => {
      const headersAt = performance.now();
      res.setEncoding("utf8");
      res.on("data", (part: string) => {
        if (reads++ === 0) first = performance.now();
        text += part;
      });
      res.on("end", () => {
        const last = performance.now();
        const events = text.split("\n\n").filter((e) => e.startsWith("data:")).length;
        resolve({ headersUs: (headersAt - start) * 1000, ttfbUs: (first - start) * 1000, ttlbUs: (last - start) * 1000, reads, events, status: res.statusCode ?? 0 });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("no answer in 30 s")));
    req.end(body);
  }).catch((): StreamSample => FAILED); // a broken stream counts as failed (status 0), the run goes on
}

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2], "utf8")) as ProbePlan;
  const agents = new Map(plan.targets.map((t) => [t.name, new http.Agent({ keepAlive: true, maxSockets: 1 })]));
  const result: ProbeResult = Object.fromEntries(plan.targets.map((t) => [t.name, { streams: [], idle: [], first: [] }]));
  for (const target of plan.targets) {
    for (let i = 0; i < plan.warmup; i++) await once(target, agents.get(target.name)!, plan.body, target.keys[0]);
  }
  const keyCount = Math.max(...plan.targets.map((t) => t.keys.length));
  for (let i = 1; i < keyCount; i++) {
    for (const target of plan.targets) {
      if (i < target.keys.length) result[target.name].first.push(await once(target, agents.get(target.name)!, plan.body, target.keys[i]));
    }
  }
  for (let round = 0; round < plan.rounds; round++) {
    for (const target of plan.targets) {
      const key = target.keys[round % target.keys.length];
      for (let i = 0; i < plan.perRound; i++) {
        const sample = await once(target, agents.get(target.name)!, plan.body, key);
        (i === 0 ? result[target.name].idle : result[target.name].streams).push(sample);
      }
    }
  }
  for (const agent of agents.values()) agent.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
