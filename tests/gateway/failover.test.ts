// Channels over real HTTP: failover before the first byte (500, hang past the timeout,
// a stall after the headers, connection refused, 402), one answer and one charge; cool-down and recovery; a balance
// refusal disables the channel; weights; an edit in another process used within a second;
// channel keys never in plain text in the database. The upstreams are strict DeepSeek fakes.
import { execFile } from "node:child_process";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannel, getChannel, listChannels, removeChannel } from "../../lib/channels";
import { findDrift } from "../../lib/billing/ledger";
import { pool, prisma } from "../../lib/db";
import { freePort } from "../../scripts/free-port";
import { deepseekRules } from "../fakes/deepseek";
import { startProviderFake, type ProviderFake, type Trouble } from "../fakes/provider-fake";
import { announced, catalogChanged, client, eventually, MOUNT_NAMES, newAccount, postChat, useMounts, type Mount } from "./harness";

const mounts = useMounts();
const MODEL = `failover-${randomUUID().slice(0, 6)}`;
const KEYS = { a: `sk-fake-a-${randomUUID()}`, b: `sk-fake-b-${randomUUID()}` };
let fakeA: ProviderFake;
let fakeB: ProviderFake;
const made: string[] = [];

beforeAll(async () => {
  [fakeA, fakeB] = await Promise.all([startProviderFake(deepseekRules, KEYS.a), startProviderFake(deepseekRules, KEYS.b)]);
  // A zhipu-provider model: no environment channel serves it in tests, only the channels made here.
  await prisma().model.create({
    data: { id: MODEL, provider: "zhipu", upstreamModel: "deepseek-chat", description: "failover test model", inputPrice: 100n, outputPrice: 200n, contextWindow: 128_000, maxOutputTokens: 8192, sortOrder: 90 },
  });
  await catalogChanged();
});

afterAll(async () => {
  for (const name of made) await removeChannel(name).catch(() => undefined);
  await prisma().model.deleteMany({ where: { id: MODEL } });
  await Promise.all([fakeA.close(), fakeB.close()]);
});

type Spec = { fake?: ProviderFake; baseUrl?: string; key?: string; priority?: number; weight?: number; timeoutMs?: number; upstream?: string };

/** Two fresh channels named for this test; earlier tests' channels are removed first. */
async function channels(a: Spec, b: Spec): Promise<{ a: string; b: string }> {
  for (const name of made.splice(0)) await removeChannel(name);
  fakeA.failWith(null);
  fakeB.failWith(null);
  const tag = randomUUID().slice(0, 6);
  const names = { a: `fo-a-${tag}`, b: `fo-b-${tag}` };
  for (const [slot, spec] of [["a", a], ["b", b]] as const) {
    await createChannel({
      name: names[slot], provider: "deepseek", baseUrl: spec.baseUrl ?? spec.fake!.baseUrl, apiKey: spec.key ?? KEYS[slot],
      models: [{ id: MODEL, upstream: spec.upstream ?? "deepseek-chat" }], priority: spec.priority ?? 0, weight: spec.weight ?? 1, timeoutMs: spec.timeoutMs ?? null,
    });
    made.push(names[slot]);
  }
  await announced();
  return names;
}

async function settledRow(requestId: string) {
  return eventually(() => prisma().usageLog.findUnique({ where: { requestId } }));
}

async function exactLedger(userId: string): Promise<void> {
  expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
}

const say = (text: string) => [{ role: "user" as const, content: text }];

describe.each(MOUNT_NAMES)("%s", (mountName) => {
  const mount = (): Mount => mounts.named(mountName);

  describe.each<[string, Trouble | "refused"]>([
    ["answers 500", "server"],
    ["hangs past its timeout", "hang"],
    ["sends its headers, then stalls past its timeout", "stall"],
    ["refuses the connection", "refused"],
    ["answers 402 (our balance)", "balance"],
  ])("the first channel %s", (_label, trouble) => {
    it("→ the second serves: one answer, one request id, one charge at the model's price, the usage row names the second channel", async () => {
      const refusedUrl = `http://127.0.0.1:${await freePort()}/v1`;
      const names = await channels(
        trouble === "refused" ? { baseUrl: refusedUrl, priority: 10 } : { fake: fakeA, priority: 10, timeoutMs: 300 },
        { fake: fakeB, priority: 5 },
      );
      if (trouble !== "refused") fakeA.failWith(trouble);
      const { key, userId } = await newAccount({ plan: "PRO" });
      const before = fakeB.received();
      const res = await postChat(mount(), key, { model: MODEL, messages: say("Hello") });
      expect(res.status).toBe(200);
      const requestId = res.headers.get("x-request-id")!;
      const body = await res.json();
      expect(body.model).toBe(MODEL);
      expect(fakeB.received()).toBe(before + 1);
      const row = await settledRow(requestId);
      expect(row.channel).toBe(names.b);
      expect(row.cost).toBe(BigInt(body.usage.prompt_tokens) * 100n + BigInt(body.usage.completion_tokens) * 200n);
      const usage = await prisma().ledgerEntry.findMany({ where: { userId, kind: "USAGE" } });
      expect(usage.map((e) => e.amount)).toEqual([-row.cost]);
      await exactLedger(userId);

      // A stream fails over the same way, before its first byte.
      const stream = await client(mount(), key).chat.completions.create({ model: MODEL, messages: say("Hello"), stream: true });
      let text = "";
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
      expect(text.length).toBeGreaterThan(0);
      if (trouble === "balance") {
        // A balance refusal takes the channel out of service until an operator acts.
        const a = await eventually(async () => {
          const channel = await getChannel(names.a);
          return channel.enabled ? null : channel;
        });
        expect(a.disabledReason).toMatch(/402/);
      }
    });
  });

  it("answers 503 in our words when every channel fails, keeps the upstream's in the log, charges nothing", async () => {
    await channels({ fake: fakeA, priority: 10 }, { fake: fakeB, priority: 5 });
    fakeA.failWith("server");
    fakeB.failWith("rate");
    const { key, userId } = await newAccount({ plan: "PRO" });
    const res = await postChat(mount(), key, { model: MODEL, messages: say("Hello") });
    expect(res.status).toBe(503);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: "service_unavailable", message: `${MODEL} is temporarily unavailable. Please retry later.` });
    expect(JSON.stringify(error)).not.toMatch(/Server Error|Rate Limit|deepseek|channel/i);
    await mount().drain();
    // Nothing billed; the request log keeps the failure at cost 0 with its code.
    const rows = await prisma().usageLog.findMany({ where: { userId } });
    expect(rows.map((r) => ({ status: r.status, code: r.errorCode, http: r.httpStatus, cost: r.cost }))).toEqual([{ status: "error", code: "service_unavailable", http: 503, cost: 0n }]);
    await exactLedger(userId);
  });

  it("does not fail over on the client's own mistake (the upstream's 400)", async () => {
    await channels({ fake: fakeA, priority: 10, upstream: "deepseek-reasoner" }, { fake: fakeB, priority: 5, upstream: "deepseek-reasoner" });
    const { key } = await newAccount({ plan: "PRO" });
    const before = fakeB.received();
    const res = await postChat(mount(), key, { model: MODEL, messages: say("Hello"), logprobs: true });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/logprobs/);
    expect(fakeB.received()).toBe(before);
  });

  it("passes over a channel whose upstream name its provider does not know (a retired model) without cooling it down, and answers 503, not the client's 400, when none knows it", async () => {
    const names = await channels({ fake: fakeA, priority: 10, upstream: "deepseek-v2.5" }, { fake: fakeB, priority: 5 });
    const { key } = await newAccount({ plan: "PRO" });
    const tried = fakeA.received();
    for (let i = 0; i < 4; i++) {
      const res = await postChat(mount(), key, { model: MODEL, messages: say("Hello") });
      expect(res.status).toBe(200);
      expect((await settledRow(res.headers.get("x-request-id")!)).channel).toBe(names.b);
    }
    // Never cooled down: the channel may serve its other models; it was asked every time, and its health says why it failed.
    expect(fakeA.received()).toBe(tried + 4);
    const seen = await eventually(async () => (await listChannels()).find((c) => c.name === names.a)?.instances.find((r) => r.health.lastError), 5_000);
    expect(seen.health).toMatchObject({ consecutiveFailures: 0, cooledUntil: null, lastError: expect.stringMatching(/deepseek-v2\.5.*Model Not Exist/) });

    await channels({ fake: fakeA, upstream: "deepseek-v2.5" }, { fake: fakeB, upstream: "deepseek-v2.5" });
    const res = await postChat(mount(), key, { model: MODEL, messages: say("Hello") });
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatchObject({ code: "service_unavailable", message: `${MODEL} is temporarily unavailable. Please retry later.` });
  });

  it("cools a failing channel down, leaves it alone meanwhile, and probes it back into service", async () => {
    const names = await channels({ fake: fakeA, priority: 10 }, { fake: fakeB, priority: 5 });
    fakeA.failWith("server");
    const { key } = await newAccount({ plan: "PRO" });
    for (let i = 0; i < 3; i++) expect((await postChat(mount(), key, { model: MODEL, messages: say("Hello") })).status).toBe(200);
    const tried = fakeA.received();
    // Cooling down (CHANNEL_COOLDOWN_MS = 2000 in tests): the next requests skip it.
    expect((await postChat(mount(), key, { model: MODEL, messages: say("Hello") })).status).toBe(200);
    expect(fakeA.received()).toBe(tried);
    fakeA.failWith(null);
    await new Promise((resolve) => setTimeout(resolve, 2_050));
    const res = await postChat(mount(), key, { model: MODEL, messages: say("Hello") });
    expect(res.status).toBe(200);
    expect(fakeA.received()).toBe(tried + 1);
    expect((await settledRow(res.headers.get("x-request-id")!)).channel).toBe(names.a);
  });

  it("shares traffic 3:1 by weight inside a priority (75% ± 7% over 400 requests); the serving instance reports their health", async () => {
    const names = await channels({ fake: fakeA, weight: 3 }, { fake: fakeB, weight: 1 });
    const { key } = await newAccount({ plan: "ENTERPRISE", customRpm: 100_000, customConcurrent: 64 });
    const [a0, b0] = [fakeA.received(), fakeB.received()];
    let next = 0;
    const worker = async () => {
      while (next < 400) {
        next++;
        const res = await postChat(mount(), key, { model: MODEL, messages: say("[[sim:tokens=1]]"), max_tokens: 1 });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const [a, b] = [fakeA.received() - a0, fakeB.received() - b0];
    expect(a + b).toBe(400);
    expect(a / 400).toBeGreaterThan(0.68);
    expect(a / 400).toBeLessThan(0.82);
    // Health is per instance; the instance that served posts its view for channel-list and the console.
    const seen = await eventually(async () => (await listChannels()).find((c) => c.name === names.a)?.instances.find((r) => r.health.tries > 0), 5_000);
    expect(seen.health).toMatchObject({ successRate: 1, consecutiveFailures: 0, cooledUntil: null });
  }, 120_000);

  it("uses an edit made by another process (the operator CLI) within a second", async () => {
    const names = await channels({ fake: fakeA, priority: 10 }, { fake: fakeB, priority: 1 });
    const { key } = await newAccount({ plan: "ENTERPRISE", customRpm: 100_000 });
    expect((await postChat(mount(), key, { model: MODEL, messages: say("Hello") })).status).toBe(200);
    const cli = path.join(process.cwd(), "node_modules/.bin/tsx");
    await promisify(execFile)(cli, ["scripts/admin.ts", "channel-set", "--name", names.b, "--priority", "50"], { env: { ...process.env, LOG_LEVEL: "error" } });
    const edited = Date.now();
    const before = fakeB.received();
    await eventually(async () => {
      const res = await postChat(mount(), key, { model: MODEL, messages: say("Hello") });
      await res.arrayBuffer();
      return fakeB.received() > before;
    }, 1_000);
    expect(Date.now() - edited).toBeLessThan(1_000);
  }, 90_000);

  it("keeps channel keys out of the database in plain text", async () => {
    await channels({ fake: fakeA }, { fake: fakeB });
    const { rows: tables } = await pool().query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    for (const { tablename } of tables) {
      for (const secret of [KEYS.a, KEYS.b]) {
        const { rows } = await pool().query<{ n: string }>(`SELECT count(*) AS n FROM "${tablename}" t WHERE t::text LIKE '%' || $1 || '%'`, [secret]);
        expect(Number(rows[0].n), `${tablename} holds a channel key`).toBe(0);
      }
    }
  });
});
