// Start the production server for the e2e run on a free port and wait until it answers.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode} before answering; see its log.`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not answer ${url} within ${timeoutMs} ms.`);
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Spawn `tsx server.ts [args]` (or `next start` when there is no server.ts) with `env`; logs go to `logFile`. */
export async function startServer(port: number, env: Record<string, string>, logFile: string, args: string[] = []): Promise<() => Promise<void>> {
  const command = existsSync("server.ts") ? ["npx", "tsx", "server.ts", ...args] : ["npx", "next", "start", "-p", String(port), "-H", "127.0.0.1"];
  // Its own process group, so stopping it also stops what npx and tsx start beneath it.
  const child = spawn(command[0], command.slice(1), { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  try {
    await waitUntilUp(`http://127.0.0.1:${port}/api/auth/csrf`, child, 120_000);
  } catch (err) {
    signal("SIGKILL");
    throw err;
  }
  return async () => {
    signal("SIGTERM");
    const deadline = Date.now() + 15_000;
    while (groupAlive(child.pid!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    signal("SIGKILL");
    log.end();
  };
}
