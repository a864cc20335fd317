// Redis refusing writes under a running server, on a Redis of the test's own: what a failover leaves
// behind when the connection still reaches the old primary, now a replica ("READONLY You can't write
// against a read only replica."), and a Redis at its maxmemory with nothing it may evict ("OOM command
// not allowed…"). A request that cannot be limited is a 503 with Retry-After in the spec's shape,
// never a 500; once Redis takes writes again, all is admitted and billed exactly.
import { spawn, type ChildProcess } from "node:child_process";
import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnect } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { freePort } from "../../scripts/free-port";
import { eventually, hello, newAccount } from "../gateway/harness";
import { call as callOn, expectBilled, expectServedOrUnavailable } from "../support/outage";
import { startGatewayProcess, type GatewayProcess } from "../support/processes";

let redisServer: ChildProcess;
let admin: IORedis;
let server: GatewayProcess;

beforeAll(async () => {
  await seedCatalog();
  const port = await freePort();
  redisServer = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  admin = new IORedis(`redis://127.0.0.1:${port}`, { retryStrategy: (n) => (n > 50 ? null : 100) });
  admin.on("error", () => undefined); // refused until the server listens; ping waits for it
  await admin.ping();
  server = await startGatewayProcess({ REDIS_URL: `redis://127.0.0.1:${port}` });
}, 90_000);

afterAll(async () => {
  // A failed test leaves it a replica, or full.
  await admin?.call("REPLICAOF", "NO", "ONE").catch(() => undefined);
  await admin?.call("CONFIG", "SET", "maxmemory", "0").catch(() => undefined);
  await server?.stop();
  admin?.disconnect();
  redisServer?.kill();
  await disconnect();
});

const call = (key: string) => callOn(server, "/v1/chat/completions", key, { model: "deepseek-chat", messages: hello, max_tokens: 3 });

/** While `refuse` holds, requests are 503 (not 500); after `restore`, they are admitted and every one served is billed. */
async function expectRefusedThenServed(refuse: () => Promise<unknown>, restore: () => Promise<unknown>, reason: RegExp): Promise<void> {
  // Not sliced (a plan under 8 concurrent): every admission is a script that writes.
  const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 4, customRpm: 100_000 });
  const answers = [await call(key)];
  expect(answers[0].status).toBe(200);

  await refuse();
  const refused = await call(key);
  // Seen: 500 "server_error" — Redis's refusal taken for a fault of ours.
  expectServedOrUnavailable([refused], 8_000);
  expect(refused.status).toBe(503);
  // The operator reads why in the server's log (the 503 says only "briefly unavailable").
  await eventually(async () => reason.test(server.output()), 5_000);

  await restore();
  await eventually(async () => {
    answers.push(await call(key));
    return answers.at(-1)!.status === 200;
  }, 15_000);
  await expectBilled(userId, answers);
}

describe("Redis refusing writes", () => {
  it("read-only (the old primary after a failover): 503 with Retry-After, not 500; afterwards all is admitted and billed", async () => {
    // A primary that is never there: it stays a replica, refusing writes.
    await expectRefusedThenServed(() => admin.call("REPLICAOF", "127.0.0.1", "1"), () => admin.call("REPLICAOF", "NO", "ONE"), /503.*READONLY/);
  }, 90_000);

  it("full (maxmemory, nothing it may evict): 503 with Retry-After, not 500; afterwards all is admitted and billed", async () => {
    await expectRefusedThenServed(
      () => admin.call("CONFIG", "SET", "maxmemory-policy", "noeviction").then(() => admin.call("CONFIG", "SET", "maxmemory", "1")),
      () => admin.call("CONFIG", "SET", "maxmemory", "0"),
      /503.*OOM/,
    );
  }, 90_000);
});
