// The results file: machine, commands, tables with overhead against direct, and the
// issue's targets checked.
import type { Floors } from "./floors";
import type { LoadResult } from "./load";
import { median } from "./stats";
import type { SoakResult, SoakStep } from "./soak";
import type { PacedSummary, StreamPlan, StreamSummary } from "./streaming";
import { LABELS, type TargetName } from "./targets";
import type { LevelResult } from "./throughput";

export type Machine = { date: string; nproc: number; cpu: string; node: string; wrk: string; commit: string };
export type Report = {
  machine: Machine;
  commands: [string, string][];
  plan: string;
  targets: TargetName[];
  throughput: LevelResult[];
  streams: Record<TargetName, StreamSummary>;
  /** The same streams with `longChunks` chunks: what a chunk adds is the difference over the extra chunks. */
  longStreams: Record<TargetName, StreamSummary>;
  paced: Record<TargetName, PacedSummary>;
  chunks: number;
  longChunks: number;
  /** How the `chunks`-chunk streams were sampled. */
  streamPlan: StreamPlan;
  memory: SoakResult | null;
  floors: Floors | null;
  /** Files beside the results (profiles, notes) to point to. */
  related: string[];
  /** RSS (MB) of every server process at the end of the run. */
  rss: [string, number][];
  /** Anything odd the run saw (failing targets and what they answered). */
  notes: string[];
  /** CPU seconds per process (bench services by name, the rest by command) while measuring, and the wall seconds. */
  cpu: { groups: [string, number][]; seconds: number };
  minutes: number;
};

/** The concurrency from which a server counts as under load for its RSS. */
const UNDER_LOAD = 32;

/** A server's RSS samples (MB) while its own rounds at UNDER_LOAD or more connections ran. */
function rssUnderLoad(report: Report, name: TargetName): number[] {
  return report.throughput.filter((level) => level.connections >= UNDER_LOAD).flatMap((level) => level.rss[name] ?? []);
}

type Row = { rps: number; min: number; max: number; p50: number; p90: number; p99: number; failures: number };
type Check = { what: string; needed: string; measured: string; met: boolean | null };

const ms = (us: number) => (Number.isFinite(us) ? (us / 1000).toFixed(2) : "—");
const signedMs = (us: number) => (Number.isFinite(us) ? `${us >= 0 ? "+" : "−"}${ms(Math.abs(us))}` : "—");
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : "—");

function row(rounds: LoadResult[]): Row {
  const rps = rounds.map((r) => r.rps);
  return {
    rps: median(rps), min: Math.min(...rps), max: Math.max(...rps),
    p50: median(rounds.map((r) => r.p50Us)), p90: median(rounds.map((r) => r.p90Us)), p99: median(rounds.map((r) => r.p99Us)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  };
}

function throughputTable(report: Report): string[] {
  const lines = [
    "| conns | target | req/s (median) | req/s min–max | vs direct | p50 ms | p50 added | p90 ms | p99 ms | p99 added | failed |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const level of report.throughput) {
    const direct = row(level.rounds.direct);
    for (const name of report.targets) {
      const r = row(level.rounds[name]);
      const base = name === "direct";
      lines.push(`| ${level.connections} | ${LABELS[name]} | ${int(r.rps)} | ${int(r.min)}–${int(r.max)} | ${base ? "1" : ratio(r.rps, direct.rps)} | ${ms(r.p50)} | ${base ? "" : signedMs(r.p50 - direct.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${base ? "" : signedMs(r.p99 - direct.p99)} | ${r.failures} |`);
    }
  }
  return lines;
}

/** What each chunk of a stream adds over direct, µs: the body's growth from `chunks` to `longChunks` chunks, less direct's, per extra chunk. */
function marginalPerChunkUs(report: Report, name: TargetName): number {
  const grew = (n: TargetName) => report.longStreams[n].bodyUs - report.streams[n].bodyUs;
  return (grew(name) - grew("direct")) / (report.longChunks - report.chunks);
}

function streamTable(report: Report): string[] {
  const direct = report.streams.direct;
  const lines = [
    `| target | headers p50 ms | TTFB p50 ms | TTFB added | TTFB p90 ms | after a pause: TTFB added | key's first stream: TTFB added | TTLB p50 ms | TTLB added | TTLB vs direct | body added per chunk µs | added per chunk µs (${report.chunks} → ${report.longChunks}) | events/stream | reads/stream | paced: reads / events | failed |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const name of report.targets) {
    const s = report.streams[name];
    const p = report.paced[name];
    const base = name === "direct";
    const perChunkUs = (s.bodyUs - direct.bodyUs) / report.chunks;
    const perChunk = Number.isFinite(perChunkUs) ? perChunkUs.toFixed(1) : "—";
    lines.push(`| ${LABELS[name]} | ${ms(s.headersUs)} | ${ms(s.ttfbUs)} | ${base ? "" : signedMs(s.ttfbUs - direct.ttfbUs)} | ${ms(s.ttfbP90Us)} | ${base ? "" : signedMs(s.idleTtfbUs - direct.idleTtfbUs)} | ${base ? "" : signedMs(s.firstTtfbUs - direct.firstTtfbUs)} | ${ms(s.ttlbUs)} | ${base ? "" : signedMs(s.ttlbUs - direct.ttlbUs)} | ${base ? "1" : ratio(s.ttlbUs, direct.ttlbUs)} | ${base ? "" : perChunk} | ${base ? "" : marginalPerChunkUs(report, name).toFixed(2)} | ${s.events} | ${s.reads} | ${p.reads} / ${p.events} | ${s.failures} |`);
  }
  return lines;
}

function cpuTable(cpu: Report["cpu"]): string[] {
  return [
    `| process | CPU s | cores busy (of ${cpu.seconds.toFixed(0)} s) |`,
    "| --- | ---: | ---: |",
    ...cpu.groups.map(([name, s]) => `| ${name} | ${s.toFixed(1)} | ${(s / cpu.seconds).toFixed(2)} |`),
  ];
}

function memoryTable(memory: SoakResult): string[] {
  return [
    `| | before | ${memory.steps.map((p) => `→ ${int(p.requests / 1000)}k`).join(" | ")} | 5 s after |`,
    `| --- | ---: | ${memory.steps.map(() => "---:").join(" | ")} | ---: |`,
    `| median | ${memory.beforeMb.toFixed(1)} | ${memory.steps.map((p) => p.medianMb.toFixed(1)).join(" | ")} | ${memory.afterMb.toFixed(1)} |`,
    `| max | | ${memory.steps.map((p) => p.maxMb.toFixed(1)).join(" | ")} | |`,
  ];
}

function stepAt(memory: SoakResult, requests: number): SoakStep {
  return memory.steps.find((p) => p.requests >= requests) ?? memory.steps.at(-1)!;
}

/** The issue's targets, each measured in this run. */
export function checks(report: Report): Check[] {
  const out: Check[] = [];
  const byConns = (c: number) => report.throughput.find((l) => l.connections === c);
  const one = byConns(1);
  if (one) {
    const d = row(one.rounds.direct);
    const portkey = one.rounds.portkey ? row(one.rounds.portkey).p50 - d.p50 : null;
    for (const name of ["ours", "api"] as const) {
      if (!one.rounds[name]) continue;
      const o = row(one.rounds[name]);
      const who = name === "ours" ? "" : " (API-only process)";
      const added = o.p50 - d.p50;
      out.push({
        what: `1 connection: p50 added over direct${who}`, needed: "≤ 0.35 ms, below Portkey's",
        measured: `${ms(added)} ms${portkey === null ? "" : ` (Portkey ${ms(portkey)} ms)`}`, met: added <= 350 && (portkey === null || added < portkey),
      });
      out.push({ what: `1 connection: p99 added over direct${who}`, needed: "≤ 2.00 ms", measured: `${ms(o.p99 - d.p99)} ms`, met: o.p99 - d.p99 <= 2000 });
    }
  }
  const c32 = byConns(32);
  for (const name of ["ours", "api"] as const) {
    if (!c32 || !c32.rounds[name] || !c32.rounds.portkey) continue;
    const x = row(c32.rounds[name]).rps / row(c32.rounds.portkey).rps;
    out.push({ what: `32 connections: throughput vs Portkey${name === "api" ? " (API-only process)" : ""}`, needed: "≥ 3.00×", measured: `${x.toFixed(2)}×`, met: x >= 3 });
  }
  const s = report.streams.ours;
  if (s) {
    const direct = report.streams.direct;
    const added = s.ttfbUs - direct.ttfbUs;
    out.push({ what: "stream: time to first byte added", needed: "≤ 0.50 ms", measured: `${ms(added)} ms`, met: added <= 500 });
    const perChunkUs = marginalPerChunkUs(report, "ours");
    out.push({ what: `stream: added per chunk (nothing rewritten; ${report.chunks} → ${report.longChunks} chunks)`, needed: "≤ 1 µs", measured: `${perChunkUs.toFixed(2)} µs`, met: perChunkUs <= 1 });
    const p = report.paced.ours;
    out.push({ what: "stream: chunks forwarded one by one (paced upstream)", needed: `${p.events} reads`, measured: `${p.reads} reads`, met: p.reads >= p.events - 1 });
  }
  if (report.memory && report.memory.steps.at(-1)!.requests >= 100_000) {
    const at20 = stepAt(report.memory, 20_000).medianMb;
    const at100 = stepAt(report.memory, 100_000).medianMb;
    const change = (at100 / at20 - 1) * 100;
    out.push({ what: "RSS 20k → 100k requests (median while the step ran)", needed: "within ±10%", measured: `${at20.toFixed(1)} → ${at100.toFixed(1)} MB (${change >= 0 ? "+" : ""}${change.toFixed(1)}%)`, met: Math.abs(change) <= 10 });
  }
  const route = report.throughput.find((l) => l.rounds.route);
  out.push({ what: "route-handler mount reported", needed: "in the same run", measured: route ? "yes" : "no", met: Boolean(route) });
  if (one && one.rounds.ours && one.rounds.messages) {
    const added = row(one.rounds.messages).p50 - row(one.rounds.ours).p50;
    out.push({ what: "1 connection: /v1/messages p50 over /v1/chat/completions (translation)", needed: "≤ 0.10 ms", measured: `${signedMs(added)} ms`, met: added <= 100 });
  }
  if (one && one.rounds.ours && one.rounds.quiet) {
    const on = row(one.rounds.ours);
    const off = row(one.rounds.quiet);
    // "Measurable": more than the larger of 0.05 ms and the spread of the off variant's own rounds.
    const spread = Math.max(...one.rounds.quiet.map((r) => r.p50Us)) - Math.min(...one.rounds.quiet.map((r) => r.p50Us));
    out.push({
      what: "1 connection: p50 with metrics and access log on vs off", needed: "no measurable difference",
      measured: `${ms(on.p50)} vs ${ms(off.p50)} ms (${signedMs(on.p50 - off.p50)}; off's rounds spread ${ms(spread)} ms)`, met: on.p50 - off.p50 <= Math.max(50, spread),
    });
  }
  const [api, portkey] = [rssUnderLoad(report, "api"), rssUnderLoad(report, "portkey")];
  if (api.length && portkey.length) {
    out.push({
      what: `API-only process RSS under load (median while its rounds at ${UNDER_LOAD}+ connections ran)`, needed: "below Portkey's",
      measured: `${median(api).toFixed(0)} vs ${median(portkey).toFixed(0)} MB`, met: median(api) < median(portkey),
    });
  }
  return out;
}

/** The whole results file as markdown. */
export function renderReport(report: Report): string {
  const m = report.machine;
  const lines = [
    `# Benchmark results ${m.date}`,
    "",
    `Machine: ${m.nproc} CPUs (\`nproc\`), ${m.cpu}, Node ${m.node}, ${m.wrk}; commit ${m.commit}. Whole run: ${report.minutes.toFixed(1)} min.`,
    "Every target runs on this machine at the same time as the upstream, the load generator, PostgreSQL and Redis;",
    "absolute numbers drift on a shared box, the differences and ratios against **direct** from the same run hold.",
    "",
    ...(report.related.length ? [`See also: ${report.related.map((f) => `[${f}](${f})`).join(", ")}.`, ""] : []),
    "## Targets (issues 4, 9, 13 and 14)",
    "",
    "| target | needed | measured | |",
    "| --- | --- | --- | --- |",
    ...checks(report).map((c) => `| ${c.what} | ${c.needed} | ${c.measured} | ${c.met === null ? "" : c.met ? "met" : "**missed**"} |`),
    "",
    ...(report.notes.length ? ["## Notes from the run", "", ...report.notes.map((n) => `- ${n}`), ""] : []),
    "## Throughput and latency (non-streaming, ~1 KB response)",
    "",
    report.plan,
    "",
    ...throughputTable(report),
    "",
    `## Streaming (${report.chunks} chunks + usage, one stream at a time)`,
    "",
    `Headers: request sent → response headers; TTFB: → first body byte; TTLB: → last byte. Measured streams are an active key's (the other ${report.streamPlan.perRound - 1} of a round of ${report.streamPlan.perRound} streams on one key; ${report.streamPlan.rounds} rounds); a key's first stream after a pause (a round later: its credit lease went back to the account meanwhile, so it takes one again) and each key's very first (its lookup, first admission and a lease) are the columns apart. Body added per chunk: (TTLB − TTFB) over direct's, divided by the chunk count — it includes what a stream's end costs once (the request's lease given back, the last write). Added per chunk: how much more that body time grows than direct's from ${report.chunks}-chunk to ${report.longChunks}-chunk streams, per extra chunk — what a chunk costs the relay.`,
    "Paced: the upstream waits 5 ms between its events, so a gateway that forwards one by one hands the client one read per event.",
    "",
    ...streamTable(report),
    "",
  ];
  if (report.memory) {
    lines.push(
      `## Memory: RSS (MB) of the ours process (server.ts), ${int(report.memory.steps.at(-1)!.requests)} requests at 32 connections`,
      "",
      "RSS sampled every 200 ms; each column is one step of 10k requests (median and highest sample while it ran).",
      "",
      ...memoryTable(report.memory),
      "",
      `${int(report.memory.steps.at(-1)!.requests)} requests in ${report.memory.seconds.toFixed(0)} s, ${report.memory.failures} failed.`,
      "",
    );
  }
  const underLoad = report.rss.map(([label]) => {
    const name = (Object.keys(LABELS) as TargetName[]).find((n) => LABELS[n] === label);
    const samples = name ? rssUnderLoad(report, name) : [];
    return samples.length ? `${median(samples).toFixed(1)} (${Math.max(...samples).toFixed(1)})` : "—";
  });
  lines.push(
    `RSS of every server (MB): the median (and highest) of samples every 200 ms while its own rounds at ${UNDER_LOAD}+ connections ran, and at the end of the run:`,
    "",
    `| | ${report.rss.map(([name]) => name).join(" | ")} |`,
    `| --- | ${report.rss.map(() => "---:").join(" | ")} |`,
    `| under load | ${underLoad.join(" | ")} |`,
    `| end of the run | ${report.rss.map(([, mb]) => mb.toFixed(1)).join(" | ")} |`,
    "",
  );
  if (report.floors) {
    lines.push(
      "## Floors under ours' latency (one at a time, from a Node client, same run)",
      "",
      "Before ours answers a request it checks the limits on Redis (three commands, pipelined into one round trip) and places",
      "the balance hold against its process's credit lease in memory (a PostgreSQL statement only to take or top up the lease;",
      "a key with a spend limit still holds on PostgreSQL); when this process has seen the key with room and the account with",
      "credit, the upstream call starts beside them instead of after. The request's end is one more Redis command, sent",
      "(not awaited) before the response; the settlement follows it, gathered with others. These set the least ours can",
      "add at 1 connection.",
      "",
      "| operation | p50 ms | p99 ms |",
      "| --- | ---: | ---: |",
      ...Object.entries(report.floors).map(([name, f]) => `| ${name} | ${ms(f.p50Us)} | ${ms(f.p99Us)} |`),
      "",
    );
  }
  lines.push(
    "## Where the CPU went while measuring (streaming and throughput phases)",
    "",
    "Bench services by name, everything else by command name: anything that is not the bench, PostgreSQL or Redis is another",
    "developer's work on this shared machine and took cores from the targets.",
    "",
    ...cpuTable(report.cpu),
    "",
  );
  lines.push("## Commands", "", ...report.commands.map(([what, cmd]) => `- ${what}: \`${cmd}\``), "");
  return lines.join("\n");
}
