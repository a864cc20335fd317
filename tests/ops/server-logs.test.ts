// A real server process (server.ts, in development mode: no build needed) through a journey —
// a password sign-in (right and wrong), /v1 calls with a key (one refused, one failing
// upstream, one carrying a card number and a password in its content), the operations
// endpoints — then its whole output is scanned: JSON lines only from us, one access line
// per /v1 request, and no key, password, token, provider key or card number anywhere.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { createAccount } from "../../lib/accounts/create";
import { createApiKey } from "../../lib/keys/store";
import { disconnect, prisma } from "../../lib/db";
import { DEMO_EMAIL } from "../../lib/server/demo";
import { freePort } from "../../scripts/free-port";
import { startServer } from "../../e2e/setup/server";
import { secretsIn } from "./secret-scan";
import { deepseekRules } from "../fakes/deepseek";
import { startProviderFake, type ProviderFake } from "../fakes/provider-fake";

const secrets = {
  password: `Journey-Pass-${randomBytes(6).toString("hex")}!`,
  wrongPassword: `Wrong-Pass-${randomBytes(6).toString("hex")}!`,
  contentPassword: `hunter2-${randomBytes(6).toString("hex")}`,
  metricsToken: `metrics-${randomBytes(16).toString("hex")}`,
  nextauthSecret: randomBytes(32).toString("base64"),
  providerKey: `sk-journey-${randomBytes(12).toString("hex")}`,
  badKey: `sib-${randomBytes(24).toString("hex")}`,
};
const CARD = "4242 4242 4242 4242";

let dir: string;
let logFile: string;
let baseUrl: string;
let stop: () => Promise<void>;
/** DeepSeek as the server process sees it: a strict fake that takes only this run's provider key. */
let upstream: ProviderFake;
let key: string;
let email: string;

beforeAll(async () => {
  // The demo account exists already, so the development server prints no first-run banner (which shows its key by design).
  if (!(await prisma().user.findUnique({ where: { email: DEMO_EMAIL } }))) await createAccount({ email: DEMO_EMAIL, password: randomBytes(12).toString("hex") }).catch(() => undefined);
  email = `journey-${randomBytes(4).toString("hex")}@example.com`;
  const user = await createAccount({ email, password: secrets.password, credits: 5_000_000_000n });
  key = (await createApiKey(user.id, "journey")).key;
  upstream = await startProviderFake(deepseekRules, secrets.providerKey);
  dir = mkdtempSync(path.join(os.tmpdir(), "sib-ops-"));
  logFile = path.join(dir, "server.log");
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  stop = await startServer(port, {
    NODE_ENV: "development", PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: baseUrl, NEXTAUTH_URL: baseUrl,
    LOG_FORMAT: "json", LOG_LEVEL: "debug", ACCESS_LOG: "true", NEXT_TELEMETRY_DISABLED: "1",
    METRICS_TOKEN: secrets.metricsToken, NEXTAUTH_SECRET: secrets.nextauthSecret, DEEPSEEK_API_KEY: secrets.providerKey, DEEPSEEK_BASE_URL: upstream.baseUrl,
  }, logFile, ["--dev"]);
}, 150_000);

afterAll(async () => {
  await stop?.();
  await upstream?.close();
  await disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** Sign in through next-auth's credentials callback; returns the response status and its cookies. */
async function signIn(password: string): Promise<{ status: number; cookies: string[] }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/dashboard`, json: "true" }),
  });
  await res.text();
  return { status: res.status, cookies: res.headers.getSetCookie() };
}

describe("a server process's whole output", () => {
  it("holds JSON lines, an access line per /v1 request, and no secret", async () => {
    const good = await signIn(secrets.password);
    const session = good.cookies.find((c) => c.includes("session-token"));
    expect(session, "signed in").toBeTruthy();
    const refused = await signIn(secrets.wrongPassword);
    expect(refused.cookies.some((c) => c.includes("session-token="))).toBe(false);

    const openai = new OpenAI({ apiKey: key, baseURL: `${baseUrl}/v1`, maxRetries: 0 });
    const requestIds: string[] = [];
    const said = await openai.chat.completions.create({
      model: "deepseek-chat",
      messages: [{ role: "user", content: `My card is ${CARD} and my password is ${secrets.contentPassword}` }],
    }).withResponse();
    requestIds.push(said.response.headers.get("x-request-id")!);
    const stream = await openai.chat.completions.create({ model: "qwen-turbo", messages: [{ role: "user", content: `password=${secrets.contentPassword}` }], stream: true }).withResponse();
    for await (const chunk of stream.data) void chunk;
    requestIds.push(stream.response.headers.get("x-request-id")!);
    const failing = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "deepseek-chat", messages: [{ role: "user", content: `[[sim:fail=500]] ${CARD}` }] }),
    });
    expect(failing.status).toBeGreaterThanOrEqual(500);
    requestIds.push(failing.headers.get("x-request-id")!);
    const badKey = await fetch(`${baseUrl}/v1/models`, { headers: { authorization: `Bearer ${secrets.badKey}` } });
    expect(badKey.status).toBe(401);
    requestIds.push(badKey.headers.get("x-request-id")!);
    expect((await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${secrets.metricsToken}` } })).status).toBe(200);
    expect((await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${secrets.metricsToken.slice(0, -1)}x` } })).status).toBe(401);
    expect((await fetch(`${baseUrl}/readyz`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500)); // settlement after the responses
    await stop();

    const output = readFileSync(logFile, "utf8");
    const lines = output.split("\n").filter((line) => line.trim());
    const ours = /^\d{4}-\d\d-\d\dT[\d:.]+Z (DEBUG|INFO |WARN |ERROR) /;
    const json: Record<string, unknown>[] = [];
    for (const line of lines) {
      if (line.startsWith("{")) json.push(JSON.parse(line));
      else expect(line, "a human line from our logger under LOG_FORMAT=json").not.toMatch(ours);
    }
    expect(json.some((l) => typeof l.msg === "string" && l.msg.startsWith("SIB AI listening on"))).toBe(true);
    const access = json.filter((l) => l.msg === "access");
    expect(access.map((l) => l.requestId).sort()).toEqual([...requestIds].sort());
    for (const line of access) expect(Object.keys(line).sort()).toEqual(["api", "channel", "latencyMs", "level", "method", "model", "msg", "requestId", "route", "status", "time"]);
    expect(access.find((l) => l.requestId === requestIds[0])).toMatchObject({ route: "/v1/chat/completions", status: 200, model: "deepseek-chat", channel: "env-deepseek", api: "chat" });

    const sessionValue = session!.split(";")[0].split("=").slice(1).join("=");
    expect(secretsIn(output, { ...secrets, key, keyBody: key.slice(4), sessionValue })).toEqual([]);
  }, 180_000);
});
