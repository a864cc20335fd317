// Summarise a V8 .cpuprofile (node --cpu-prof): self time by function and by module, as
// markdown, optionally for a time window only (CLOCK_MONOTONIC microseconds, process.hrtime's clock).
//   tsx bench/cpuprofile-top.ts <file.cpuprofile> [rows]
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const ROOT_URL = pathToFileURL(path.resolve(import.meta.dirname, "..")).href + "/";

/** Where a frame's code lives: a package, one of our files, Node itself, or V8's bookkeeping. */
export function moduleOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith("(") ? frame.functionName : "(native)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes("/.next/")) return ".next (bundled app code)";
  return url.startsWith(ROOT_URL) ? url.slice(ROOT_URL.length) : url;
}

function label(frame: CallFrame): string {
  return `${frame.functionName || "(anonymous)"} ${moduleOf(frame)}:${frame.lineNumber + 1}`;
}

/** A span of time on the monotonic clock, microseconds. */
export type Window = { fromUs: number; toUs: number };

function selfTimes(profile: Profile, window?: Window): Map<number, number> {
  const self = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
  }
  return self;
}

function table(title: string, rows: [string, number][], total: number, count: number): string[] {
  const lines = [`### ${title}`, "", "| | ms | % of samples |", "| --- | ---: | ---: |"];
  for (const [name, us] of rows.sort((a, b) => b[1] - a[1]).slice(0, count)) {
    lines.push(`| \`${name.replace(/\|/g, "\\|")}\` | ${(us / 1000).toFixed(0)} | ${((us / total) * 100).toFixed(1)} |`);
  }
  return [...lines, ""];
}

function sum(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

function isInternal(frame: CallFrame): boolean {
  return frame.url === "" || frame.url.startsWith("node:");
}

/** The nearest frame up the stack that is in a package or in our code: who asked for this native or Node work. */
function owner(id: number, byId: Map<number, ProfileNode>, parents: Map<number, number>): CallFrame {
  const own = byId.get(id)!.callFrame;
  if (own.functionName.startsWith("(")) return own; // (idle), (garbage collector), (program)
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const frame = byId.get(at)!.callFrame;
    if (!isInternal(frame)) return frame;
  }
  return own;
}

/** Markdown: top functions and modules by self time, over the whole profile or a window of it. */
export function summarise(profile: Profile, count = 25, window?: Window): string {
  const self = selfTimes(profile, window);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  const byOwner = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    sum(byFunction, label(frame), us);
    sum(byModule, moduleOf(frame), us);
    sum(byOwner, label(owner(id, byId, parents)), us);
  }
  const idle = byModule.get("(idle)") ?? 0;
  return [
    `Samples over ${(total / 1e6).toFixed(1)} s, of which idle ${((idle / total) * 100).toFixed(1)}%.`,
    "",
    ...table("Self time by function", [...byFunction], total, count),
    ...table("Self time by module", [...byModule], total, count),
    ...table("Self time charged to the nearest package or app frame (native and node: internals folded into their caller)", [...byOwner], total, count),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: tsx bench/cpuprofile-top.ts <file.cpuprofile> [rows]");
  console.log(summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, Number(process.argv[3] ?? 25)));
}
