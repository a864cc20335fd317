// npm test: every test, in order — types, schema vs migrations, unit and integration
// tests (vitest), the production build, the /v1 suite against the real server
// processes, and the browser specs (Playwright). Ends with "N passed, N failed".
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { TEST_DATABASE_URL, TEST_REDIS_URL } from "../tests/setup/services";

type Counts = { passed: number; failed: number };
const totals: Counts = { passed: 0, failed: 0 };
const steps: { name: string; ok: boolean; seconds: number }[] = [];
const bin = (name: string) => path.join(process.cwd(), "node_modules/.bin", name);
const reports = mkdtempSync(path.join(os.tmpdir(), "sib-test-"));

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => resolve(code === 0));
  });
}

async function step(name: string, work: () => Promise<boolean>): Promise<boolean> {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const ok = await work();
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  console.log(`${ok ? "✔" : "✘"} ${name}`);
  return ok;
}

function answers(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort), timeout: 2000 });
    socket.on("connect", () => (socket.destroy(), resolve(true)));
    socket.on("error", () => resolve(false));
    socket.on("timeout", () => (socket.destroy(), resolve(false)));
  });
}

/** Count a runner's JSON report into the totals. */
function tally(file: string, read: (json: Record<string, number & Record<string, number>>) => Counts): void {
  if (!existsSync(file)) return;
  const counts = read(JSON.parse(readFileSync(file, "utf8")));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
}

const vitestCounts = (j: Record<string, number>) => ({ passed: j.numPassedTests, failed: j.numFailedTests + (j.numTotalTests === 0 ? 1 : 0) });

function vitest(name: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  const out = path.join(reports, `${name}.json`);
  return run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...args], env).then((ok) => {
    tally(out, vitestCounts);
    return ok;
  });
}

async function main(): Promise<number> {
  const missing = [];
  if (!(await answers(TEST_DATABASE_URL, 5432))) missing.push(`PostgreSQL at ${TEST_DATABASE_URL} (set TEST_DATABASE_URL)`);
  if (!(await answers(TEST_REDIS_URL, 6379))) missing.push(`Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL)`);
  if (missing.length) {
    console.error(`Tests need real services that are not answering:\n  ${missing.join("\n  ")}`);
    return 1;
  }
  let ok = await step("Type check (tsc)", () => run(bin("tsc"), ["--noEmit"]));
  ok = (await step("Schema and migrations agree", () => run(bin("tsx"), ["scripts/migrate.ts", "--check"], { DATABASE_URL: TEST_DATABASE_URL }))) && ok;
  ok = (await step("Unit and integration tests (vitest)", () => vitest("vitest", []))) && ok;
  const built = await step("Production build (npm run build: next build, then the server bundle)", async () =>
    (await run(bin("next"), ["build"])) && run("npm", ["run", "--silent", "build:server"]));
  ok = built && ok;
  if (built) {
    ok = (await step("/v1 tests against server.ts and next start", () =>
      vitest("mounts", ["tests/gateway", "--no-file-parallelism"], { GATEWAY_MOUNTS: "external" }))) && ok;
    if (existsSync("playwright.config.ts")) {
      const out = path.join(reports, "playwright.json");
      ok = (await step("Browser tests (Playwright, Chromium)", async () => {
        const passed = await run(bin("playwright"), ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
        tally(out, (j) => {
          const stats = j.stats as unknown as { expected: number; unexpected: number; flaky: number };
          return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
        });
        return passed;
      })) && ok;
    }
  }
  rmSync(reports, { recursive: true, force: true });
  console.log("\nSummary:");
  for (const s of steps) console.log(`  ${s.ok ? "✔" : "✘"} ${s.name} (${s.seconds}s)`);
  if (!ok && totals.failed === 0) totals.failed = 1; // a failed step with no failed test (type check, build) still fails
  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  return ok ? 0 : 1;
}

main().then((code) => process.exit(code));
