// PostgreSQL turning read-only under a running server — what a failover that lands on a standby
// looks like (SQLSTATE 25006 on every write): the server's own role is made read-only and its
// connections are cut, so its new ones are. A request that must write is a 503 with Retry-After in
// the spec's shape, never a 500; once the database takes writes again, all is served and billed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { disconnect, pool } from "../../lib/db";
import { seedCatalog } from "../../lib/gateway/catalog";
import { eventually, hello, newAccount } from "../gateway/harness";
import { startGatewayProcess, type GatewayProcess } from "../support/processes";
import { call as callOn, expectBilled, expectServedOrUnavailable } from "../support/outage";

const role = `sib_probe_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
let server: GatewayProcess;

/** Make the server's role read-only (or writable again) and cut its connections, so new ones are. */
async function setReadOnly(on: boolean): Promise<void> {
  await pool().query(`ALTER ROLE ${role} SET default_transaction_read_only = ${on ? "on" : "off"}`);
  await pool().query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [role]);
}

beforeAll(async () => {
  await seedCatalog();
  await pool().query(`CREATE ROLE ${role} LOGIN`);
  await pool().query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
  await pool().query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  const url = new URL(inject("databaseUrl"));
  url.username = role;
  server = await startGatewayProcess({ DATABASE_URL: url.toString() });
}, 90_000);

afterAll(async () => {
  await setReadOnly(false).catch(() => undefined); // a failed test leaves it read-only: the server could not return its leases
  await server?.stop();
  await pool().query(`DROP OWNED BY ${role}`).catch(() => undefined);
  await pool().query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
  await disconnect();
});

const call = (key: string) => callOn(server, "/v1/chat/completions", key, { model: "deepseek-chat", messages: hello, max_tokens: 3 });

describe("PostgreSQL turning read-only (a failover onto a standby)", () => {
  it("answers what needs a write with 503 and Retry-After, not 500; afterwards serves and bills every request", async () => {
    const { key, userId } = await newAccount({ plan: "ENTERPRISE", customConcurrent: 100, customRpm: 100_000 });
    const answers = [await call(key)];
    expect(answers[0].status).toBe(200);

    await setReadOnly(true);
    const fresh = await newAccount({ plan: "ENTERPRISE" }); // its first request takes a credit lease: a write
    const refused = await call(fresh.key);
    // Seen: 500 "server_error" — a read-only database taken for a fault of ours.
    expectServedOrUnavailable([refused], 8_000);
    expect(refused.status).toBe(503);
    // The operator reads why in the server's log (the 503 says only "briefly unavailable").
    await eventually(async () => /503.*read-only transaction/.test(server.output()), 5_000);

    await setReadOnly(false);
    await eventually(async () => (await call(fresh.key)).status === 200, 15_000);
    answers.push(await call(key));
    await expectBilled(userId, answers);
  }, 90_000);
});
