// Throw-away databases on the same server: schema checks and isolated test runs.
import { randomBytes } from "node:crypto";
import pg from "pg";

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Create an empty database next to `url`'s; returns its URL and a drop function. */
export async function createScratchDatabase(url: string, label = "scratch"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sib_${label}_${randomBytes(4).toString("hex")}`;
  await adminQuery(url, `CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(url, name),
    drop: () => adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
