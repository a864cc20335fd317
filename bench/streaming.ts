// Streaming: time to first and last byte of a 200-chunk stream through each target
// (bench/stream-probe.ts in its own process), and whether chunks pass one by one.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, TMP } from "./processes";
import { median, percentile } from "./stats";
import type { ProbePlan, ProbeResult } from "./stream-probe";
import type { Target, TargetName } from "./targets";

export const STREAM_BODY = JSON.stringify({
  model: "deepseek-chat",
  stream: true,
  stream_options: { include_usage: true },
  messages: [{ role: "user", content: "Hello! What models are available?" }],
});

/**
 * Per target: medians over an active key's streams, microseconds; reads and events per stream; the median
 * TTFB of a key's first stream after a pause (`idleTtfbUs`) and of each key's first (`firstTtfbUs`).
 */
export type StreamSummary = { headersUs: number; ttfbUs: number; ttfbP90Us: number; idleTtfbUs: number; firstTtfbUs: number; ttlbUs: number; bodyUs: number; events: number; reads: number; failures: number };
/** The paced check: reads the client saw per stream against the events the upstream wrote one by one. */
export type PacedSummary = { reads: number; events: number };

export type StreamPlan = { rounds: number; perRound: number; warmup: number };
export const PROBE_COMMAND = "node --import tsx bench/stream-probe.ts <plan.json>";

function probe(plan: ProbePlan, file: string): Promise<ProbeResult> {
  writeFileSync(file, JSON.stringify(plan));
  return new Promise((resolve, reject) => {
    const child = spawn("node", ["--import", "tsx", "bench/stream-probe.ts", file], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (part: Buffer) => (out += part.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out) as ProbeResult) : reject(new Error(`stream probe exited ${code}`))));
  });
}

function probeTargets(targets: Target[], keys: string[]) {
  return targets.map((t) => ({ name: t.name, url: `${t.origin}/v1/chat/completions`, headers: { "content-type": "application/json", ...t.headers }, keys }));
}

/** TTFB/TTLB of `chunks`-chunk streams, all targets alternating: an active key's streams (a pause's first and each key's first apart). */
export async function measureStreams(targets: Target[], keys: string[], plan: StreamPlan): Promise<Record<TargetName, StreamSummary>> {
  const result = await probe({ targets: probeTargets(targets, keys), body: STREAM_BODY, ...plan }, path.join(TMP, "stream-plan.json"));
  const out = {} as Record<TargetName, StreamSummary>;
  for (const t of targets) {
    const samples = result[t.name].streams;
    const ok = samples.filter((s) => s.status === 200);
    const firsts = result[t.name].first.filter((s) => s.status === 200);
    const idles = result[t.name].idle.filter((s) => s.status === 200);
    out[t.name] = {
      headersUs: median(ok.map((s) => s.headersUs)),
      ttfbUs: median(ok.map((s) => s.ttfbUs)),
      ttfbP90Us: percentile(ok.map((s) => s.ttfbUs), 90),
      idleTtfbUs: median(idles.map((s) => s.ttfbUs)),
      firstTtfbUs: median(firsts.map((s) => s.ttfbUs)),
      ttlbUs: median(ok.map((s) => s.ttlbUs)),
      bodyUs: median(ok.map((s) => s.ttlbUs - s.ttfbUs)),
      events: median(ok.map((s) => s.events)),
      reads: median(ok.map((s) => s.reads)),
      failures: samples.length - ok.length + result[t.name].idle.length - idles.length + result[t.name].first.length - firsts.length,
    };
  }
  return out;
}

/** With the upstream pausing between chunks: how many separate reads reach the client. */
export async function measurePacing(targets: Target[], keys: string[]): Promise<Record<TargetName, PacedSummary>> {
  const result = await probe({ targets: probeTargets(targets, keys), body: STREAM_BODY, rounds: 1, perRound: 3, warmup: 1 }, path.join(TMP, "paced-plan.json"));
  const out = {} as Record<TargetName, PacedSummary>;
  for (const t of targets) {
    const { streams } = result[t.name];
    out[t.name] = { reads: median(streams.map((s) => s.reads)), events: median(streams.map((s) => s.events)) };
  }
  return out;
}
