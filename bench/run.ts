// npm run bench: the gateway against the direct path, Portkey and a bare Node proxy, in
// one run on this machine; writes bench/results/<YYYY-MM-DD>.md. See bench/README.md.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { prepareData, type BenchData } from "./accounts";
import { ensureBuild } from "./build";
import { cpuBetween, cpuSnapshot } from "./cpu-usage";
import { measureFloors, type Floors } from "./floors";
import { rssMb } from "./memory";
import { assertWrk, loadCommand, writeRequestFile } from "./load";
import { benchLock } from "./lock";
import { ROOT, TMP, type Service } from "./processes";
import { renderReport, type Machine } from "./report";
import { soak, type SoakResult } from "./soak";
import { measurePacing, measureStreams, PROBE_COMMAND, STREAM_BODY, type StreamPlan } from "./streaming";
import {
  describeOursEnv, LABELS, OURS_VARIANTS, startBare, startOurs, startPortkey, startRoute, startUpstream, targetHeaders,
  type OursConfig, type Target, type TargetName,
} from "./targets";
import { measureThroughput, type ThroughputPlan } from "./throughput";

const ALL: TargetName[] = ["direct", "ours", "quiet", "api", "messages", "route", "portkey", "bare"];
const CHUNKS = 200;
/** Longer streams, for what each chunk adds apart from what a stream's start and end cost once. */
const LONG_CHUNKS = 1000;
// Rounds of 24 streams on one key: medians over 8 × 23 active streams per target (one stream's TTFB swings by a millisecond here).
const STREAM_PLAN: StreamPlan = { rounds: 8, perRound: 24, warmup: 5 };
const BODY = JSON.stringify({ model: "deepseek-chat", messages: [{ role: "user", content: "Hello! What models are available?" }] });
/** The same question in Anthropic's Messages format (max_tokens is required there; 4096 is chat's default). */
const MESSAGES_BODY = JSON.stringify({ model: "deepseek-chat", max_tokens: 4096, messages: [{ role: "user", content: "Hello! What models are available?" }] });

const { values: opts } = parseArgs({
  options: {
    targets: { type: "string", default: ALL.join(",") },
    levels: { type: "string", default: "1,8,32,128" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "3" },
    warmup: { type: "string", default: "1" },
    keys: { type: "string", default: "64" },
    memory: { type: "string", default: "100000" },
    build: { type: "boolean", default: false },
    database: { type: "string", default: "postgresql://postgres@127.0.0.1:5432/test" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
    out: { type: "string" },
  },
});

const started = Date.now();
function progress(line: string): void {
  const s = Math.round((Date.now() - started) / 1000);
  console.log(`[${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}] ${line}`);
}

function machine(): Machine {
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown CPU";
  const wrk = spawnSync("wrk", ["--version"], { encoding: "utf8" }).stdout.split(" ").slice(0, 2).join(" ");
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim() ? " (with uncommitted changes)" : "";
  const nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim());
  return { date: new Date().toISOString().slice(0, 10), nproc, cpu, node: process.version, wrk, commit: commit + dirty };
}

function ensurePortkey(): void {
  if (existsSync(path.join(ROOT, "bench/portkey/node_modules/@portkey-ai/gateway"))) return;
  progress("Installing Portkey's gateway into bench/portkey (first run only)");
  const result = spawnSync("npm", ["install", "--prefix", "bench/portkey", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm install --prefix bench/portkey failed");
}

async function upstreamCall(origin: string, pathname: string, body?: object): Promise<Record<string, number>> {
  const res = await fetch(origin + pathname, body ? { method: "POST", body: JSON.stringify(body) } : undefined);
  return (await res.json()) as Record<string, number>;
}

/** What a target answers one request like the load's: status and the start of the body. */
function sampler(keys: string[], notes: string[]): (target: Target) => Promise<string> {
  return async (target) => {
    const res = await fetch(`${target.origin}/v1/chat/completions`, {
      method: "POST", body: BODY, headers: { "content-type": "application/json", authorization: `Bearer ${keys[0]}`, ...target.headers },
    }).catch((err: Error) => err);
    const answer = res instanceof Error ? res.message : `${res.status} ${(await res.text()).slice(0, 300)}`;
    notes.push(`${target.label} failed requests under load; one request afterwards got: \`${answer}\``);
    return answer;
  };
}

async function main(): Promise<void> {
  const names = opts.targets.split(",").map((s) => s.trim()) as TargetName[];
  for (const n of names) if (!ALL.includes(n)) throw new Error(`unknown target ${n}; use ${ALL.join(",")}`);
  const targetNames = ["direct" as const, ...names.filter((n) => n !== "direct")];
  const wantsOurs = targetNames.some((n) => n === "route" || (OURS_VARIANTS as readonly string[]).includes(n));
  assertWrk();
  const unlock = await benchLock(progress);
  if (targetNames.includes("portkey")) ensurePortkey();
  const commands: [string, string][] = [["whole run", `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim()]];
  const services: Service[] = [];
  let data: BenchData | null = null;
  let memory: SoakResult | null = null;
  const notes: string[] = [];
  try {
    if (wantsOurs) {
      progress(`Scratch database and ${opts.keys} Enterprise accounts with a key each`);
      data = await prepareData(opts.database, Number(opts.keys));
      const built = ensureBuild(opts.build, data.databaseUrl);
      commands.push(["production build", built === "npm run build:server" ? "npm run build:server (the Next build in .next reused)" : built]);
    }
    const upstream = await startUpstream(CHUNKS);
    services.push(upstream);
    commands.push(["upstream", upstream.command]);
    const targets: Target[] = [];
    const add = (name: TargetName, service: Service | null) => {
      if (service && !services.includes(service)) services.push(service);
      targets.push({ name, label: LABELS[name], origin: service?.origin ?? upstream.origin, headers: targetHeaders(name, upstream.origin), service });
      if (service) commands.push([LABELS[name], service.command]);
    };
    const oursConfig: OursConfig | null = data ? { databaseUrl: data.databaseUrl, redisUrl: opts.redis, upstream: upstream.origin } : null;
    for (const name of targetNames) {
      progress(`Starting ${LABELS[name]}`);
      if (name === "direct") add(name, null);
      // /v1/messages is measured on the same process as chat completions, so the two differ only by the surface.
      const shared = name === "messages" ? targets.find((t) => t.name === "ours")?.service : undefined;
      if (shared) add(name, shared);
      else if ((OURS_VARIANTS as readonly string[]).includes(name)) add(name, await startOurs(oursConfig!, [], name as (typeof OURS_VARIANTS)[number]));
      if (name === "route") add(name, await startRoute(oursConfig!));
      if (name === "portkey") add(name, await startPortkey());
      if (name === "bare") add(name, await startBare(upstream.origin));
    }
    if (oursConfig) commands.push(["environment of ours and the route mount", describeOursEnv(oursConfig)]);
    const keys = data?.keys ?? ["sib-bench"];
    const requestFiles = new Map(targets.map((t) => [t.name, writeRequestFile(path.join(TMP, `request-${t.name}.lua`), {
      method: "POST", path: t.name === "messages" ? "/v1/messages" : "/v1/chat/completions", body: t.name === "messages" ? MESSAGES_BODY : BODY,
      headers: { "Content-Type": "application/json", ...t.headers }, keys,
    })]));

    const ours = targets.find((t) => t.name === "ours");
    const soakPlan = { total: Number(opts.memory), step: 10_000, connections: 32, settleSeconds: 5 };
    if (ours && soakPlan.total > 0) {
      progress(`Memory: ${soakPlan.total.toLocaleString("en-US")} requests through ours (pid ${ours.service!.pid})`);
      memory = await soak(ours.service!.pid, ours.origin, requestFiles.get("ours")!, soakPlan, () => sampler(keys, notes)(ours), progress);
      commands.push(["memory load", loadCommand({ origin: ours.origin, connections: 32, seconds: 600, stopAfter: soakPlan.step }) + ` (repeated to ${soakPlan.total})`]);
    }

    const cpuBefore = cpuSnapshot();
    const measureStarted = Date.now();
    progress(`Streaming: ${CHUNKS}-chunk streams, targets alternating`);
    await upstreamCall(upstream.origin, "/__bench/config", { chunks: CHUNKS, gapMs: 0 });
    const streams = await measureStreams(targets, keys, STREAM_PLAN);
    progress(`Streaming: ${LONG_CHUNKS}-chunk streams`);
    await upstreamCall(upstream.origin, "/__bench/config", { chunks: LONG_CHUNKS, gapMs: 0 });
    const longStreams = await measureStreams(targets, keys, { rounds: 4, perRound: 8, warmup: 3 });
    progress("Streaming: paced upstream (20 chunks, 5 ms apart)");
    await upstreamCall(upstream.origin, "/__bench/config", { chunks: 20, gapMs: 5 });
    const paced = await measurePacing(targets, keys.slice(0, 1));
    await upstreamCall(upstream.origin, "/__bench/config", { chunks: CHUNKS, gapMs: 0 });
    commands.push(["stream client", `${PROBE_COMMAND} (body ${STREAM_BODY})`]);

    let floors: Floors | null = null;
    if (data) {
      progress("Floors: Redis round trip, hold and release (lease in memory, and on PostgreSQL), one at a time");
      floors = await measureFloors(opts.redis, data.userIds[0]);
    }

    const plan: ThroughputPlan = {
      levels: opts.levels.split(",").map(Number), rounds: Number(opts.rounds), seconds: Number(opts.seconds), warmupSeconds: Number(opts.warmup),
    };
    const served = async () => (await upstreamCall(upstream.origin, "/__bench/stats")).served;
    const throughput = await measureThroughput(targets, requestFiles, plan, { served }, sampler(keys, notes), progress);
    const rss = targets.filter((t) => t.service && t.name !== "messages").map((t): [string, number] => [t.label, rssMb(t.service!.pid)]);
    rss.push(["upstream", rssMb(upstream.pid)]);
    const serviceNames = new Map(services.map((svc) => [svc.pid, svc.name]));
    serviceNames.set(process.pid, "bench runner, wrk and stream probe");
    const cpuGroups = cpuBetween(cpuBefore, cpuSnapshot(), (pid, comm) => serviceNames.get(pid) ?? (comm === "node" ? "node (other processes)" : comm));
    const cpu = { groups: [...cpuGroups].sort((a, b) => b[1] - a[1]).filter(([, sec]) => sec >= 0.5), seconds: (Date.now() - measureStarted) / 1000 };
    commands.push(["load", `${loadCommand({ origin: "<target>", connections: 0, seconds: plan.seconds }).replace("-c0", "-c{1,8,32,128}")} (request: POST /v1/chat/completions ${BODY}; for ${LABELS.messages}: POST /v1/messages ${MESSAGES_BODY}; bearer key rotating over ${keys.length} keys)`]);

    const out = opts.out ?? path.join(ROOT, "bench/results", `${new Date().toISOString().slice(0, 10)}.md`);
    mkdirSync(path.dirname(out), { recursive: true });
    // Notes and profiles written beside this file on the same day (bench/profile.ts, hand-written analysis).
    const stem = path.basename(out, ".md");
    const related = readdirSync(path.dirname(out)).filter((f) => f === `${stem}-notes.md` || f.startsWith(`${stem}-profile-c`)).sort();
    const report = renderReport({
      machine: machine(), commands, targets: targetNames, throughput, streams, longStreams, paced, chunks: CHUNKS, longChunks: LONG_CHUNKS, streamPlan: STREAM_PLAN, memory, cpu, floors, notes, rss, related,
      plan: `wrk, one thread, ${plan.warmupSeconds} s warm-up per target and concurrency, then ${plan.rounds} rounds of ${plan.seconds} s with the targets alternating; medians over rounds. "failed": non-2xx or socket errors over all rounds.`,
      minutes: (Date.now() - started) / 60_000,
    });
    writeFileSync(out, report);
    progress(`Wrote ${path.relative(ROOT, out)}`);
    console.log(`\n${report}`);
  } finally {
    await Promise.allSettled(services.reverse().map((s) => s.stop()));
    await data?.drop().catch((err: Error) => console.error(`could not drop the scratch database: ${err.message}`));
    unlock();
  }
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
