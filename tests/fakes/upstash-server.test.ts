// The fake Upstash speaks the REST wire format @upstash/redis uses, over the real Redis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { Redis } from "@upstash/redis";
import { startFakeUpstash, type FakeUpstash } from "./upstash-server";
import { TEST_REDIS_URL } from "../setup/services";

let fake: FakeUpstash;
beforeAll(async () => {
  fake = await startFakeUpstash(TEST_REDIS_URL);
});
afterAll(() => fake.close());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${fake.token}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe("fake Upstash REST server", () => {
  const key = `test:upstash:${randomUUID()}`;

  it("refuses a missing or wrong Bearer token with 401", async () => {
    const res = await fetch(fake.url, { method: "POST", headers: { authorization: "Bearer nope" }, body: '["PING"]' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Unauthorized" });
  });

  it("runs one command posted to / and answers {result}, base64-encoding strings when asked", async () => {
    expect(await post("/", ["SET", key, "héllo"])).toEqual({ status: 200, body: { result: "OK" } });
    expect(await post("/", ["GET", key])).toEqual({ status: 200, body: { result: "héllo" } });
    expect(await post("/", ["GET", key], { "Upstash-Encoding": "base64" })).toEqual({
      status: 200, body: { result: Buffer.from("héllo").toString("base64") },
    });
  });

  it("answers a failing command with 400 {error}", async () => {
    const res = await post("/", ["INCR", key]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: expect.stringMatching(/not an integer/) });
  });

  it("runs /pipeline and /multi-exec, one {result} or {error} per command", async () => {
    const counter = `${key}:n`;
    expect(await post("/pipeline", [["INCR", counter], ["INCR", key], ["INCRBY", counter, 2]])).toEqual({
      status: 200, body: [{ result: 1 }, { error: expect.stringMatching(/not an integer/) }, { result: 3 }],
    });
    expect(await post("/multi-exec", [["INCR", counter], ["GET", counter]], { "Upstash-Encoding": "base64" })).toEqual({
      status: 200, body: [{ result: 4 }, { result: Buffer.from("4").toString("base64") }],
    });
  });

  it("serves the @upstash/redis client, auto-pipelined and with scripts", async () => {
    const client = new Redis({ url: fake.url, token: fake.token, enableTelemetry: false, enableAutoPipelining: true });
    const list = `${key}:list`;
    expect(await client.rpush(list, "a", "b")).toBe(2);
    expect(await Promise.all([client.lrange(list, 0, -1), client.lindex(list, 1)])).toEqual([["a", "b"], "b"]);
    const script = "#!lua flags=allow-key-locking\nreturn redis.call('LLEN', KEYS[1])";
    const sha = await client.scriptLoad(script);
    expect(await client.evalsha(sha, [list], [])).toBe(2);
    await client.del(list, key, `${key}:n`);
  });
});
