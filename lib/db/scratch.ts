// Throw-away databases on the same server: schema checks and isolated test runs.
import { randomBytes } from "node:crypto";
import pg from "pg";

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Run `work` on a connection to the server's maintenance database ("postgres"). */
async function asAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** How long a drop waits for the sessions on the database to close before it ends them. */
const DROP_WAIT_MS = 2_000;

/**
 * Drop `name` once the sessions on it have closed: a pool's end() resolves before its connections
 * have, and a forced drop would end them with an error their pool reports to nobody (an uncaught
 * exception). Sessions still open after DROP_WAIT_MS are ended.
 */
function dropDatabase(url: string, name: string): Promise<void> {
  return asAdmin(url, async (client) => {
    const sessions = async () => (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name])).rows[0].n;
    for (const deadline = Date.now() + DROP_WAIT_MS; Date.now() < deadline && (await sessions()) > 0; ) await new Promise((resolve) => setTimeout(resolve, 20));
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

/** Create an empty database next to `url`'s; returns its URL and a drop function. */
export async function createScratchDatabase(url: string, label = "scratch"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sib_${label}_${randomBytes(4).toString("hex")}`;
  await asAdmin(url, (client) => client.query(`CREATE DATABASE "${name}"`));
  return {
    url: withDatabase(url, name),
    drop: () => dropDatabase(url, name),
  };
}
