// Statements off the request path (the dashboard's Prisma queries, the hold sweeper, the usage
// rollup) on a database whose open connections went half-open in a failover: each fails after
// DATABASE_QUERY_TIMEOUT_MS and the pool's dead connections go, instead of a page or a job
// waiting until TCP gives up (~15 min). Seen: a Prisma query waited for as long as the test let it.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "../../tests/support/tcp-proxy";
import { disconnect, pool, prisma } from "../db";
import { reloadEnv } from "../env";
import { sweepExpiredHolds } from "../billing/ledger";

const TIMEOUT_MS = 1_500;
let proxy: TcpProxy;
const saved = { url: process.env.DATABASE_URL, timeout: process.env.DATABASE_QUERY_TIMEOUT_MS };

beforeAll(async () => {
  const target = new URL(inject("databaseUrl"));
  proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await disconnect();
  Object.assign(process.env, { DATABASE_URL: proxy.url(inject("databaseUrl")), DATABASE_QUERY_TIMEOUT_MS: String(TIMEOUT_MS) });
  reloadEnv();
});

afterAll(async () => {
  proxy.unstall();
  await disconnect();
  Object.assign(process.env, { DATABASE_URL: saved.url, DATABASE_QUERY_TIMEOUT_MS: saved.timeout ?? "" });
  if (saved.timeout === undefined) delete process.env.DATABASE_QUERY_TIMEOUT_MS;
  reloadEnv();
  await proxy.close();
});

/** How long `work` took to settle, and whether it failed. */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; failed: boolean }> {
  const started = Date.now();
  const failed = await work().then(() => false, () => true);
  return { ms: Date.now() - started, failed };
}

describe("statements off the request path on half-open connections", () => {
  it("fail after the query timeout, and the next ones are answered on new connections", async () => {
    // Connections opened side by side, idle when the failover comes.
    await Promise.all([prisma().user.count(), prisma().apiKey.count(), sweepExpiredHolds()]);
    expect(pool().totalCount).toBeGreaterThan(1);

    proxy.stall("open");
    const [page, sweep] = await Promise.all([timed(() => prisma().user.count()), timed(() => sweepExpiredHolds())]);
    for (const outcome of [page, sweep]) {
      expect(outcome.failed).toBe(true);
      expect(outcome.ms).toBeLessThan(TIMEOUT_MS + 2_000);
    }
    // The dead connections went with the first timeout: what follows opens new ones and is answered.
    // (The holds' own pool, which the sweeper uses next, drops its dead ones after its 5 s: lib/db/dead-connections.ts.)
    const after = await timed(() => Promise.all([prisma().user.count(), pool().query("SELECT 1")]));
    expect(after).toEqual({ ms: expect.any(Number), failed: false });
    expect(after.ms).toBeLessThan(TIMEOUT_MS);
  }, 30_000);
});
