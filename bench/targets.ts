// The servers a run measures, each in its own process, and how each is started.
import { randomBytes } from "node:crypto";
import { DIST_DIR } from "./build";
import { freePort } from "../scripts/free-port";
import { ROOT, startService, type Service } from "./processes";

/** A server under load: where to send requests and the extra headers it needs. */
export type Target = { name: TargetName; label: string; origin: string; headers: Record<string, string>; service: Service | null };
export type TargetName = "direct" | "ours" | "quiet" | "api" | "messages" | "route" | "portkey" | "bare";
/** Targets that are ours: the production server under one configuration or another. */
export const OURS_VARIANTS = ["ours", "quiet", "api", "messages"] as const;

export const LABELS: Record<TargetName, string> = {
  direct: "direct (upstream)",
  ours: "ours: server.ts",
  quiet: "ours: metrics and access log off",
  api: "ours: SIB_ROLE=api",
  messages: "ours: /v1/messages",
  route: "ours: Next route handler",
  portkey: "Portkey 1.15.2",
  bare: "bare node:http + undici",
};

const PORTKEY_BIN = "bench/portkey/node_modules/@portkey-ai/gateway/build/start-server.js";

/** Start the instant upstream (200-chunk streams). */
export function startUpstream(chunks: number): Promise<Service> {
  return startService({
    name: "upstream", command: "node", args: ["--import", "tsx", "bench/upstream.ts", "--chunks", String(chunks)],
    port: "stdout", readyPath: "/v1/models",
  });
}

/** Start the bare node:http + undici proxy in front of the upstream. */
export function startBare(upstream: string): Promise<Service> {
  return startService({
    name: "bare", command: "node", args: ["--import", "tsx", "bench/bare-proxy.ts", "--upstream", upstream],
    port: "stdout", readyPath: "/v1/models",
  });
}

/** Start Portkey's gateway from bench/portkey. */
export async function startPortkey(): Promise<Service> {
  const port = await freePort();
  return startService({ name: "portkey", command: "node", args: [PORTKEY_BIN, `--port=${port}`, "--headless"], port, readyPath: "/" });
}

/** What "ours" needs: the scratch database, Redis, the upstream as DeepSeek, production mode. */
export type OursConfig = { databaseUrl: string; redisUrl: string; upstream: string };

/** How each of our variants differs from "ours" (metrics collected and the access log written, as in production). */
const VARIANT_ENV: Record<(typeof OURS_VARIANTS)[number], Record<string, string>> = {
  ours: {},
  quiet: { METRICS_ENABLED: "false", ACCESS_LOG: "false" },
  api: { SIB_ROLE: "api" },
  messages: {},
};

function oursEnv(config: OursConfig, port: number): Record<string, string> {
  return {
    NODE_ENV: "production",
    METRICS_ENABLED: "true",
    ACCESS_LOG: "true",
    // Up to four of our processes share one PostgreSQL (max_connections 100 by default): 15 connections each.
    DATABASE_POOL_MAX: "10",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    DEEPSEEK_API_KEY: "bench",
    DEEPSEEK_BASE_URL: `${config.upstream}/v1`,
    NEXT_DIST_DIR: DIST_DIR,
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
  };
}

/** The env line of the results file: the variables ours is started with, secrets elided. */
export function describeOursEnv(config: OursConfig): string {
  const env = oursEnv(config, 0);
  return Object.entries(env)
    .filter(([k]) => k !== "PORT")
    .map(([k, v]) => `${k}=${k === "NEXTAUTH_SECRET" ? "<random>" : k === "DATABASE_URL" ? "<scratch database>" : v}`)
    .join(" ");
}

/** Start the production server (server.ts as `npm start` runs it: /v1 on node:http, the rest to Next) as `variant`. `nodeArgs` go before the script. */
export async function startOurs(config: OursConfig, nodeArgs: string[] = [], variant: (typeof OURS_VARIANTS)[number] = "ours"): Promise<Service> {
  const port = await freePort();
  return startService({
    name: variant, command: "node", args: [...nodeArgs, "dist/server.mjs"], // what `npm start` runs (bundled by the build)
    env: { ...oursEnv(config, port), ...VARIANT_ENV[variant] }, port, readyPath: "/v1/models", timeoutMs: 120_000,
  });
}

/** Start the same build under `next start`: /v1 through Next's route handlers. `nodeArgs` go before the script. */
export async function startRoute(config: OursConfig, nodeArgs: string[] = []): Promise<Service> {
  const port = await freePort();
  return startService({
    name: "route", command: "node", args: [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    env: oursEnv(config, port), port, readyPath: "/v1/models", timeoutMs: 120_000,
  });
}

/** Headers a target needs on top of the request's own. */
export function targetHeaders(name: TargetName, upstream: string): Record<string, string> {
  if (name !== "portkey") return {};
  return { "x-portkey-provider": "openai", "x-portkey-custom-host": `${upstream}/v1` };
}
