// Start real gateway processes (tests/support/gateway-process.ts) on the run's database,
// Redis and simulator, and stop or kill them.
import { spawn, type ChildProcess } from "node:child_process";
import { inject } from "vitest";
import { freePort } from "../../scripts/free-port";
import { TEST_REDIS_URL } from "../setup/services";
import { hello } from "../gateway/harness";

export type GatewayProcess = {
  baseUrl: string;
  child: ChildProcess;
  /** SIGTERM; resolves with the exit code. */
  stop: () => Promise<number | null>;
  kill: () => Promise<void>;
  output: () => string;
};

/** The environment every test process shares: one database, one Redis namespace, the simulator upstream. */
export function processEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: inject("databaseUrl"), REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: inject("redisPrefix"),
    NODE_ENV: "production", SIMULATOR: "false", LOG_LEVEL: "warn", UPSTREAM_TIMEOUT_MS: "3000",
    DEEPSEEK_API_KEY: "sk-test-deepseek", DEEPSEEK_BASE_URL: inject("simulatorUrl"),
    DASHSCOPE_API_KEY: "sk-test-dashscope", DASHSCOPE_BASE_URL: inject("simulatorUrl"), ZHIPU_API_KEY: "",
    ...extra,
  };
}

/** Start one process; resolves once it listens. */
export async function startGatewayProcess(extra: Record<string, string> = {}): Promise<GatewayProcess> {
  const env = { ...process.env, PORT: String(await freePort()), ...processEnv(extra) };
  // node itself (tsx as a loader), so signals reach the server, not a wrapper process.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/gateway-process.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway process did not start:\n${log}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-8000);
      const match = /listening (\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8000)));
    child.once("exit", (code) => reject(new Error(`gateway process exited (${code}):\n${log}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    output: () => log,
  };
}

/** POST a chat completion (deepseek-chat, a short hello, `body` on top) to `server` with `key`. */
export function chatOn(server: GatewayProcess, key: string, body: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${server.baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: "deepseek-chat", messages: hello, max_tokens: 3, ...body }),
  });
}
