// The gateway under test: both mounts served over real HTTP in this process (node:http
// as server.ts does; the web-standard mount as the app/v1 route handlers do), real
// Postgres, the simulator as upstream. Accounts and keys are made through the app's code.
import http from "node:http";
import { randomUUID } from "node:crypto";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { handleNodeRequest } from "../../lib/gateway/node";
import { trackedRuntime } from "../../lib/server/pending";
import { createAccount } from "../../lib/accounts/create";
import { createApiKey } from "../../lib/keys/store";
import { afterAll, beforeAll, inject } from "vitest";
import { invalidateCatalog, seedCatalog } from "../../lib/gateway/catalog";
import { disconnect, prisma } from "../../lib/db";
import { returnLeases } from "../../lib/billing/lease-pool";
import type { Plan } from "../../lib/generated/prisma/enums";
import { serveWeb } from "./web-bridge";

export type Mount = { name: string; baseUrl: string; drain: () => Promise<void>; close: () => Promise<void> };

async function listen(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const external = () => inject("externalMounts");

/**
 * Wait until no request anywhere holds credit: settlement done on servers we can't drain directly
 * (a process closes its idle credit lease only once every request on it has settled).
 */
async function noOpenHolds(): Promise<void> {
  await eventually(async () => (await prisma().hold.count()) + (await prisma().creditLease.count()) === 0, 15_000);
}

/** Both mounts: in this process, or (mounts phase) the real server processes. */
export async function startMounts(): Promise<Mount[]> {
  await seedCatalog();
  if (external().length) {
    return external().map((m) => ({ ...m, drain: noOpenHolds, close: async () => undefined }));
  }
  const nodeRuntime = trackedRuntime();
  const webRuntime = trackedRuntime();
  const node = await listen((req, res) => void handleNodeRequest(req, res, nodeRuntime));
  const web = await listen((req, res) => void serveWeb(req, res, webRuntime));
  return [
    { name: "node mount (server.ts)", baseUrl: node.url, drain: nodeRuntime.drain, close: node.close },
    { name: "web mount (app/v1 route handlers)", baseUrl: web.url, drain: webRuntime.drain, close: web.close },
  ];
}

/** Register this file's mounts: started before its tests, drained and closed after. */
export function useMounts(): { all: () => Mount[]; named: (name: string) => Mount } {
  let mounts: Mount[] = [];
  beforeAll(async () => {
    mounts = await startMounts();
  });
  afterAll(async () => {
    for (const m of mounts) await m.drain();
    await Promise.all(mounts.map((m) => m.close()));
    await returnLeases();
    await disconnect();
  });
  return { all: () => mounts, named: (name) => mounts.find((m) => m.name === name)! };
}

export const MOUNT_NAMES = ["node mount (server.ts)", "web mount (app/v1 route handlers)"];

/** A fresh account with one key. Credits in USD nano-dollars. */
export async function newAccount(options: { plan?: Plan; credits?: bigint; customRpm?: number; customConcurrent?: number; customTpm?: number } = {}) {
  const user = await createAccount({ email: `t-${randomUUID()}@example.com`, plan: options.plan, credits: options.credits });
  if (options.customRpm || options.customConcurrent || options.customTpm) {
    await prisma().user.update({
      where: { id: user.id },
      data: { customRpm: options.customRpm, customConcurrent: options.customConcurrent, customTpm: options.customTpm },
    });
  }
  const { key, id: keyId } = await createApiKey(user.id, "test");
  return { userId: user.id, keyId, key };
}

/** The official OpenAI SDK pointed at a mount. */
export function client(mount: Mount, apiKey: string): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${mount.baseUrl}/v1`, maxRetries: 0 });
}

/** The official Anthropic SDK pointed at a mount: it appends /v1/messages to the origin. Bearer (authToken) or x-api-key (apiKey). */
export function anthropic(mount: Mount, key: string, header: "bearer" | "x-api-key" = "x-api-key"): Anthropic {
  const credential = header === "bearer" ? { authToken: key, apiKey: null } : { apiKey: key, authToken: null };
  return new Anthropic({ ...credential, baseURL: mount.baseUrl, maxRetries: 0 });
}

/** The user's row (balance, held). */
export function account(userId: string) {
  return prisma().user.findUniqueOrThrow({ where: { id: userId } });
}

/** The user's row once nothing holds its credit: no Hold row, and every process's idle credit lease given back. */
export async function accountAtRest(userId: string) {
  await eventually(async () => (await prisma().hold.count({ where: { userId } })) + (await prisma().creditLease.count({ where: { userId } })) === 0, 15_000);
  return account(userId);
}

/** POST a raw chat body; returns the fetch Response. */
export function postChat(mount: Mount, key: string | null, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${mount.baseUrl}/v1/chat/completions`, {
    method: "POST",
    ...init,
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}), ...init.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Wait until a condition holds (settlement is off the response path), failing after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const hello = [{ role: "user" as const, content: "Hello! What models are available?" }];

/** Wait for a fresh requests-per-minute window when the current one ends within `margin` seconds (windows align to the minute). */
export async function freshWindow(marginSeconds = 12): Promise<void> {
  const left = 60 - ((Date.now() / 1000) % 60);
  if (left < marginSeconds) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 50));
}

/** The spec's headers every /v1 response carries. */
export function limitHeaders(res: Response) {
  return {
    limit: res.headers.get("x-ratelimit-limit"),
    remaining: res.headers.get("x-ratelimit-remaining"),
    reset: res.headers.get("x-ratelimit-reset"),
    requestId: res.headers.get("x-request-id"),
    retryAfter: res.headers.get("retry-after"),
  };
}

/** After a change the app announces on the Redis bus (a key, an account's plan, a channel): a server in another process hears of it a moment later. */
export async function announced(): Promise<void> {
  if (external().length) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** After editing the Model table: servers in other processes see it when their 5 s catalog cache expires. */
export async function catalogChanged(): Promise<void> {
  invalidateCatalog();
  if (external().length) await new Promise((resolve) => setTimeout(resolve, 5_200));
}
