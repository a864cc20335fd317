// GET /healthz and /readyz of a server whose PostgreSQL and Redis go away and come back
// (each reached through a TCP proxy we stop and restart): 503 with the reason, then 200.
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { reloadEnv } from "../../lib/env";
import { disconnect } from "../../lib/db";
import { closeReadiness } from "../../lib/observability/health";
import { GET as readyzRoute } from "../../app/readyz/route";
import { GET as healthzRoute } from "../../app/healthz/route";
import { eventually } from "../gateway/harness";
import { TEST_REDIS_URL } from "../setup/services";
import { startOpsMount } from "./ops-mount";
import { tcpProxy, type TcpProxy } from "./tcp-proxy";

let mount: Awaited<ReturnType<typeof startOpsMount>>;
let pg: TcpProxy;
let redis: TcpProxy;

beforeAll(async () => {
  await disconnect();
  await closeReadiness();
  const database = new URL(inject("databaseUrl"));
  const cache = new URL(TEST_REDIS_URL);
  pg = await tcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
  redis = await tcpProxy({ host: cache.hostname, port: Number(cache.port || 6379) });
  database.host = `127.0.0.1:${pg.port}`;
  cache.host = `127.0.0.1:${redis.port}`;
  process.env.DATABASE_URL = database.toString();
  process.env.REDIS_URL = cache.toString();
  reloadEnv();
  mount = await startOpsMount();
});

afterAll(async () => {
  await mount.close();
  await closeReadiness();
  await disconnect();
  await Promise.all([pg.close(), redis.close()]);
  process.env.DATABASE_URL = inject("databaseUrl");
  process.env.REDIS_URL = TEST_REDIS_URL;
  reloadEnv();
});

async function readyz(): Promise<{ status: number; body: { status: string; checks: Record<string, string> } }> {
  const res = await fetch(`${mount.url}/readyz`);
  return { status: res.status, body: await res.json() };
}

const settlesTo = (status: number) => eventually(async () => {
  const answer = await readyz();
  return answer.status === status ? answer : null;
}, 15_000);

describe("health endpoints", () => {
  it("answers /healthz 200 whatever the services do", async () => {
    const res = await fetch(`${mount.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect((await healthzRoute()).status).toBe(200);
  });

  it("is ready when PostgreSQL, Redis and an upstream answer, on both mounts", async () => {
    const { body } = await settlesTo(200);
    expect(body).toEqual({ status: "ready", checks: { database: "ok", redis: "ok", upstreams: "ok" } });
    expect((await readyzRoute()).status).toBe(200);
  });

  it("turns 503 naming the database when PostgreSQL stops, and 200 when it returns", async () => {
    await pg.stop();
    const down = await settlesTo(503);
    expect(down.body).toEqual({ status: "not ready", checks: { database: "unreachable", redis: "ok", upstreams: "ok" } });
    expect((await readyzRoute()).status).toBe(503);
    expect((await fetch(`${mount.url}/healthz`)).status).toBe(200);
    await pg.start();
    expect((await settlesTo(200)).body.checks.database).toBe("ok");
  });

  it("turns 503 naming Redis when it stops, and 200 when it returns", async () => {
    await redis.stop();
    const down = await settlesTo(503);
    expect(down.body).toEqual({ status: "not ready", checks: { database: "ok", redis: "unreachable", upstreams: "ok" } });
    await redis.start();
    expect((await settlesTo(200)).body.checks.redis).toBe("ok");
  });
});
