// Child processes of a bench run: start one, wait until it answers, stop it; logs go to bench/.tmp.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const TMP = path.join(ROOT, "bench/.tmp");

/** A server process started by the bench. */
export type Service = { name: string; pid: number; origin: string; command: string; stop: () => Promise<void> };

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

export type StartOptions = {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** The port it was told to use, or "stdout" when it prints {"port":N}. */
  port: number | "stdout";
  /** GET this path until it answers at all. */
  readyPath: string;
  timeoutMs?: number;
};

function portFromStdout(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (part: Buffer) => {
      out += part.toString();
      const match = /\{"port":(\d+)\}/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before listening`)));
  });
}

/** Spawn a server and resolve once GET readyPath answers. */
export async function startService(opts: StartOptions): Promise<Service> {
  mkdirSync(TMP, { recursive: true });
  const logFile = path.join(TMP, `${opts.name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const command = [opts.command, ...opts.args].join(" ");
  const portPromise = opts.port === "stdout" ? portFromStdout(child) : Promise.resolve(opts.port);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let exited = false;
  child.once("exit", () => (exited = true));
  const port = await portPromise.catch((err: Error) => {
    throw new Error(`${opts.name} (${command}) ${err.message}; see ${logFile}`);
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  while (!(await answers(origin + opts.readyPath))) {
    if (exited) throw new Error(`${opts.name} (${command}) exited during start-up; see ${logFile}`);
    if (Date.now() > deadline) {
      await stopper(child)();
      throw new Error(`${opts.name} (${command}) did not answer ${opts.readyPath} in time; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { name: opts.name, pid: child.pid!, origin, command, stop: stopper(child) };
}
