// For the mounts phase of `npm test` (after `npm run build`'s two steps): the production server
// (server.ts, bundled, as `npm start` runs it) and Next's own server (route handlers), as real processes over the same
// database, Redis and simulator. Two instances, one set of /v1 tests.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../../scripts/free-port";

export type ExternalMount = { name: string; baseUrl: string };

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited early:\n${output()}`);
    try {
      const res = await fetch(`${url}/v1/models`);
      if (res.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within 90 s:\n${output()}`);
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output: () => log };
}

/** Start both servers; resolves once both answer. */
export async function startExternalMounts(env: Record<string, string>): Promise<{ mounts: ExternalMount[]; stop: () => Promise<void> }> {
  const bin = (name: string) => path.join(process.cwd(), "node_modules/.bin", name);
  const [serverPort, nextPort] = await Promise.all([freePort(), freePort()]);
  const base = { ...process.env, ...env, NODE_ENV: "production" as const, HOST: "127.0.0.1" };
  const server = start(process.execPath, ["dist/server.mjs"], { ...base, PORT: String(serverPort) }); // what `npm start` runs
  const nextServer = start(bin("next"), ["start", "-H", "127.0.0.1", "-p", String(nextPort)], { ...base, PORT: String(nextPort) });
  const children = [server, nextServer];
  const stop = async () => {
    await Promise.all(children.map(({ child }) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    })));
  };
  try {
    await Promise.all([
      waitUntilAnswering(`http://127.0.0.1:${serverPort}`, server.child, server.output),
      waitUntilAnswering(`http://127.0.0.1:${nextPort}`, nextServer.child, nextServer.output),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    mounts: [
      { name: "node mount (server.ts)", baseUrl: `http://127.0.0.1:${serverPort}` },
      { name: "web mount (app/v1 route handlers)", baseUrl: `http://127.0.0.1:${nextPort}` },
    ],
    stop,
  };
}
