// Profile "ours" (or the route-handler mount) under load: the production server with
// --cpu-prof, driven by wrk at a fixed concurrency; writes bench/results/<date>-profile-c<N>[-route][-stream].md.
//   npx tsx bench/profile.ts [--target ours|api|route] [--connections 32] [--seconds 15] [--stream]
import { readdirSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { prepareData } from "./accounts";
import { bundleServer, ensureBuild } from "./build";
import { cpuBetween, cpuSnapshot } from "./cpu-usage";
import { summarise } from "./cpuprofile-top";
import { assertWrk, runLoad, writeRequestFile } from "./load";
import { benchLock } from "./lock";
import { ROOT, TMP, type Service } from "./processes";
import { STREAM_BODY } from "./streaming";
import { startOurs, startRoute, startUpstream } from "./targets";

const BODY = JSON.stringify({ model: "deepseek-chat", messages: [{ role: "user", content: "Hello! What models are available?" }] });

const { values: opts } = parseArgs({
  options: {
    target: { type: "string", default: "ours" },
    connections: { type: "string", default: "32" },
    seconds: { type: "string", default: "15" },
    keys: { type: "string", default: "64" },
    stream: { type: "boolean", default: false },
    database: { type: "string", default: "postgresql://postgres@127.0.0.1:5432/test" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
    out: { type: "string" },
  },
});

type DbCounters = Record<"xact_commit" | "tup_inserted" | "tup_updated" | "tup_deleted" | "tup_fetched", number>;

// PostgreSQL's own counters for the scratch database (flushed by backends within a second or so).
async function dbCounters(url: string): Promise<DbCounters> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT xact_commit, tup_inserted, tup_updated, tup_deleted, tup_fetched FROM pg_stat_database WHERE datname = current_database()",
    );
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)])) as DbCounters;
  } finally {
    await client.end();
  }
}

/** Sample what the scratch database's backends are doing (pg_stat_activity) every 50 ms until stopped. */
function sampleWaits(url: string): { stop: () => Promise<{ samples: number; counts: Map<string, number> }> } {
  const client = new pg.Client({ connectionString: url });
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ what: string; n: string }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'running (no wait)') || ' / ' || state AS what, count(*) AS n
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1`,
      );
      samples++;
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + Number(r.n));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      return { samples, counts };
    },
  };
}

function groupOf(pids: { ours: number; upstream: number }): (pid: number, comm: string) => string {
  return (pid, comm) => (pid === pids.ours ? `${opts.target} (profiled)` : pid === pids.upstream ? "upstream" : comm);
}

async function main(): Promise<void> {
  if (!["ours", "api", "route"].includes(opts.target)) throw new Error("--target is ours, api (SIB_ROLE=api) or route");
  assertWrk();
  const unlock = await benchLock(console.log);
  const dir = path.join(TMP, "profile");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const data = await prepareData(opts.database, Number(opts.keys));
  const services: Service[] = [];
  try {
    if (opts.target === "api") bundleServer(); // SIB_ROLE=api loads no Next build
    else ensureBuild(false, data.databaseUrl);
    const upstream = await startUpstream(200);
    services.push(upstream);
    const config = { databaseUrl: data.databaseUrl, redisUrl: opts.redis, upstream: upstream.origin };
    const profiling = ["--cpu-prof", `--cpu-prof-dir=${path.relative(ROOT, dir)}`];
    const ours = opts.target === "route" ? await startRoute(config, profiling) : await startOurs(config, profiling, opts.target === "api" ? "api" : "ours");
    services.push(ours);
    const requestFile = writeRequestFile(path.join(TMP, "request-profile.lua"), {
      method: "POST", path: "/v1/chat/completions", body: opts.stream ? STREAM_BODY : BODY, headers: { "Content-Type": "application/json" }, keys: data.keys,
    });
    const connections = Number(opts.connections);
    console.log(`Warm-up 3 s at ${connections} connections`);
    await runLoad({ origin: ours.origin, requestFile, connections, seconds: 3 });
    console.log(`Profiling ${opts.seconds} s at ${connections} connections (${opts.stream ? "streaming" : "non-streaming"})`);
    const dbBefore = await dbCounters(data.databaseUrl);
    const before = cpuSnapshot();
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const waits = sampleWaits(data.databaseUrl);
    const load = await runLoad({ origin: ours.origin, requestFile, connections, seconds: Number(opts.seconds) });
    const toUs = Number(process.hrtime.bigint() / 1000n);
    const waited = await waits.stop();
    const cpu = cpuBetween(before, cpuSnapshot(), groupOf({ ours: ours.pid, upstream: upstream.pid }));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const dbAfter = await dbCounters(data.databaseUrl);
    await ours.stop(); // SIGTERM: server.ts exits cleanly and V8 writes the profile
    // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (tsx adds a loader thread).
    const file = readdirSync(dir).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
    if (!file) throw new Error(`no main-thread .cpuprofile in ${dir}: did the server exit cleanly?`);
    const cpuRows = [...cpu].sort((a, b) => b[1] - a[1]).slice(0, 8);
    const seconds = Number(opts.seconds);
    const report = [
      `# Profile of ${opts.target === "route" ? "the route-handler mount (next start)" : opts.target === "api" ? "ours (server.ts, SIB_ROLE=api)" : "ours (server.ts)"}, ${new Date().toISOString().slice(0, 10)}`,
      "",
      `\`npx tsx bench/profile.ts ${process.argv.slice(2).join(" ")}\`: ${ours.command} (main thread; only the samples of the measured ${seconds} s of wrk -t1 -c${connections}, after a 3 s warm-up).`,
      "",
      `Load during the measured ${seconds} s: ${Math.round(load.rps)} req/s, p50 ${(load.p50Us / 1000).toFixed(2)} ms, p99 ${(load.p99Us / 1000).toFixed(2)} ms, ${load.failures} failed.`,
      "",
      "### PostgreSQL work per request (pg_stat_database of the scratch database, measured window; the bench's own counter reads included)",
      "",
      "| counter | per request |",
      "| --- | ---: |",
      ...(Object.keys(dbAfter) as (keyof DbCounters)[]).map((k) => `| ${k} | ${((dbAfter[k] - dbBefore[k]) / load.requests).toFixed(2)} |`),
      "",
      `### What ours' PostgreSQL connections were doing (pg_stat_activity, ${waited.samples} samples 50 ms apart)`,
      "",
      "| wait event / state | connections on average |",
      "| --- | ---: |",
      ...[...waited.counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => `| ${what} | ${(n / waited.samples).toFixed(2)} |`),
      "",
      "### CPU seconds per process during the measured window (2 cores = 2 s per second)",
      "",
      "| process | CPU s | cores busy |",
      "| --- | ---: | ---: |",
      ...cpuRows.map(([name, s]) => `| ${name} | ${s.toFixed(1)} | ${(s / seconds).toFixed(2)} |`),
      "",
      summarise(JSON.parse(readFileSync(path.join(dir, file), "utf8")), 25, { fromUs, toUs }),
    ].join("\n");
    const out = opts.out ?? path.join(ROOT, "bench/results", `${new Date().toISOString().slice(0, 10)}-profile-c${connections}${opts.target === "ours" ? "" : `-${opts.target}`}${opts.stream ? "-stream" : ""}.md`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, report);
    console.log(`${report}\n\nWrote ${path.relative(ROOT, out)}; raw profile: ${path.relative(ROOT, path.join(dir, file))}`);
  } finally {
    await Promise.allSettled(services.reverse().map((s) => s.stop()));
    await data.drop();
    unlock();
  }
}

main().catch((err: Error) => {
  console.error(`profile failed: ${err.stack ?? err.message}`);
  process.exit(1);
});
