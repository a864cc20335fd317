// `kill -9` of a server with a key's requests in flight: their concurrency slots in Redis are not
// given back by anyone, so they must expire soon (CONCURRENCY_LEASE_TTL_MS), while a live process's
// long requests keep theirs (renewed). Seen: a key with one slot was refused as concurrent on every
// instance for 10 minutes after the instance serving its stream was killed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnect } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { eventually, newAccount } from "../gateway/harness";
import { chatOn as chat, startGatewayProcess, type GatewayProcess } from "../support/processes";

const TTL_MS = 3_000;
const started: GatewayProcess[] = [];
const start = async () => {
  const server = await startGatewayProcess({ CONCURRENCY_LEASE_TTL_MS: String(TTL_MS) });
  started.push(server);
  return server;
};

beforeAll(seedCatalog);
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
  await disconnect();
});


/** A stream of `tokens` tokens 50 ms apart (the simulator's pacing): its answer once the headers are in. */
const slowStream = (server: GatewayProcess, key: string, tokens: number) =>
  chat(server, key, { stream: true, max_tokens: tokens + 10, messages: [{ role: "user", content: `[[sim:tokens=${tokens}]] [[sim:delay=50]] hi` }] });

describe("concurrency slots through a crash", () => {
  it("a live process's stream keeps its slot past the slot's time to live", async () => {
    const server = await start();
    const { key } = await newAccount({ plan: "ENTERPRISE", customRpm: 10_000, customConcurrent: 1 });
    const stream = await slowStream(server, key, 120); // ~6 s, twice the slots' time to live
    expect(stream.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, TTL_MS * 1.5));
    expect((await chat(server, key)).status).toBe(429);
    await stream.text();
    expect((await chat(server, key)).status).toBe(200);
  }, 60_000);

  it("a killed process's slots come back within their time to live, for every instance", async () => {
    const [doomed, survivor] = await Promise.all([start(), start()]);
    const { key } = await newAccount({ plan: "ENTERPRISE", customRpm: 10_000, customConcurrent: 1 });
    const stream = await slowStream(doomed, key, 400);
    expect(stream.status).toBe(200);
    void stream.text().catch(() => undefined);
    expect((await chat(survivor, key)).status).toBe(429);

    await doomed.kill();
    const killedAt = Date.now();
    await eventually(async () => (await chat(survivor, key)).status === 200, 30_000);
    expect(Date.now() - killedAt).toBeLessThan(TTL_MS + 3_000);
  }, 60_000);
});
