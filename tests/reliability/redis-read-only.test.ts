// Redis refusing writes under a running server — what a failover leaves behind when the connection
// still reaches the old primary, now a replica ("READONLY You can't write against a read only
// replica."): a Redis of the test's own is made a replica of a primary that does not exist, then
// a primary again. A request that cannot be limited is a 503 with Retry-After in the spec's shape,
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
  await admin?.call("REPLICAOF", "NO", "ONE").catch(() => undefined); // a failed test leaves it a replica
  await server?.stop();
  admin?.disconnect();
  redisServer?.kill();
  await disconnect();
});

const call = (key: string) => callOn(server, "/v1/chat/completions", key, { model: "deepseek-chat", messages: hello, max_tokens: 3 });

describe("Redis turning read-only (the old primary after a failover)", () => {
  it("answers what cannot be limited with 503 and Retry-After, not 500; afterwards admits and bills every request", async () => {
    // Not sliced (a plan under 8 concurrent): every admission is a script that writes.
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 4, customRpm: 100_000 });
    const answers = [await call(key)];
    expect(answers[0].status).toBe(200);

    await admin.call("REPLICAOF", "127.0.0.1", "1"); // a primary that is never there: it stays a replica, refusing writes
    const refused = await call(key);
    // Seen: 500 "server_error" — Redis's READONLY reply taken for a fault of ours.
    expectServedOrUnavailable([refused], 8_000);
    expect(refused.status).toBe(503);

    await admin.call("REPLICAOF", "NO", "ONE");
    await eventually(async () => (await call(key)).status === 200, 15_000);
    answers.push(await call(key));
    await expectBilled(userId, answers);
  }, 90_000);
});
