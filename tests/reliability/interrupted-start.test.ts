// Ctrl-C while `npm run dev` is still starting (it warms its pages up for a while after it listens):
// the embedded PostgreSQL it started stops with it, as it does once the server is up. It was left
// running, and every later start joined the orphan.
import { spawn } from "node:child_process";
import { mkdtemp, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/free-port";

const cleanup: string[] = [];
afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

describe("a development server interrupted while it starts", () => {
  it("stops its embedded PostgreSQL on SIGINT during the pages' warm-up, and exits 0", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "sib-interrupted-"));
    cleanup.push(dataDir);
    const [port, pgPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ["--import", "tsx", "server.ts", "--dev"], {
      env: {
        ...process.env, NODE_ENV: "development", PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort),
        DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "info", SHUTDOWN_TIMEOUT_MS: "3000", NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no warm-up in time:\n${output}`)), 120_000);
      const seen = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("warming up")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on("data", seen);
      child.stderr!.on("data", seen);
    });
    const linked = await readlink(path.join(dataDir, "pg")).catch(() => null);
    if (linked) cleanup.push(linked); // as root: the data lives where the postgres user can reach it
    const database = `postgresql://sib:sib-embedded@127.0.0.1:${pgPort}/sib`;
    expect(await answers(database)).toBe(true);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(await answers(database)).toBe(false);
  }, 180_000);
});
