// The load generator: wrk (one thread) in its own process, driven by bench/wrk.lua.
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

const WRK_SCRIPT = path.join(import.meta.dirname, "wrk.lua");

/** What every request of a run sends; the bearer key rotates through `keys`. */
export type RequestSpec = { method: "POST" | "GET"; path: string; body: string; headers: Record<string, string>; keys: string[] };

/** One wrk run, summarised. Latencies in microseconds. */
export type LoadResult = {
  requests: number;
  rps: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  /** Responses with status >= 400, plus connect/read/write errors and timeouts. */
  failures: number;
};

type WrkSummary = {
  requests: number;
  durationUs: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  latencyUs: { p50: number; p90: number; p99: number };
};

/** Throw with the install command when wrk is missing. */
export function assertWrk(): void {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
  } catch (err) {
    // wrk --version exits 1 after printing; only a missing binary is a problem.
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error("The benchmark needs wrk: install it with `apt-get install -y wrk` (Debian) and run again.");
    }
  }
}

function luaString(value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new Error(`bench request strings must be printable ASCII: ${value.slice(0, 40)}`);
  return JSON.stringify(value);
}

/** Write a request spec as the Lua chunk wrk.lua reads; returns its path. */
export function writeRequestFile(file: string, spec: RequestSpec): string {
  const headers = Object.entries(spec.headers).map(([k, v]) => `[${luaString(k)}] = ${luaString(v)}`).join(", ");
  const keys = spec.keys.map(luaString).join(", ");
  writeFileSync(file, `return { method = ${luaString(spec.method)}, path = ${luaString(spec.path)}, body = ${luaString(spec.body)}, headers = { ${headers} }, keys = { ${keys} } }\n`);
  return file;
}

function summarise(summary: WrkSummary): LoadResult {
  const e = summary.errors;
  return {
    requests: summary.requests,
    rps: summary.requests / (summary.durationUs / 1e6),
    p50Us: summary.latencyUs.p50,
    p90Us: summary.latencyUs.p90,
    p99Us: summary.latencyUs.p99,
    failures: e.connect + e.read + e.write + e.status + e.timeout,
  };
}

export type LoadOptions = { origin: string; requestFile: string; connections: number; seconds: number; stopAfter?: number };

/** Run wrk once. With `stopAfter`, it stops after that many responses (or `seconds`, whichever is first). */
export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const args = ["-t1", `-c${opts.connections}`, `-d${opts.seconds}s`, "--timeout", "10s", "-s", WRK_SCRIPT, opts.origin, "--", opts.requestFile];
  if (opts.stopAfter) args.push(String(opts.stopAfter));
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (part: Buffer) => {
      out += part.toString();
      // A counted run has stopped its thread; SIGINT makes wrk report now instead of at the deadline.
      if (opts.stopAfter && out.includes("limit reached")) child.kill("SIGINT");
    });
    child.stderr.on("data", (part: Buffer) => (err += part.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith('{"requests"'));
      if (!line) return reject(new Error(`wrk ${args.join(" ")} exited ${code}: ${err || out}`));
      resolve(summarise(JSON.parse(line) as WrkSummary));
    });
  });
}

/** The command line of a run, for the results file. */
export function loadCommand(opts: Omit<LoadOptions, "requestFile">): string {
  const limit = opts.stopAfter ? ` ${opts.stopAfter}` : "";
  return `wrk -t1 -c${opts.connections} -d${opts.seconds}s --timeout 10s -s bench/wrk.lua ${opts.origin} -- <request file>${limit}`;
}
