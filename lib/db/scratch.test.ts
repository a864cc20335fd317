// Scratch databases are dropped right after their users end their pools, and a pool's end()
// resolves before its connections have closed: a forced drop then terminated them mid-close, and
// the error reached pool clients that no longer had a listener (an uncaught exception in a test run).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createScratchDatabase } from "./scratch";

const SERVER = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

/** A session on `url` that records its errors and closes by itself after `closeAfterMs` (never, when null). */
async function session(url: string, closeAfterMs: number | null) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const errors: string[] = [];
  client.on("error", (err) => errors.push(err.message));
  if (closeAfterMs !== null) setTimeout(() => void client.end(), closeAfterMs);
  return { client, errors };
}

async function exists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  try {
    return (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe("dropping a scratch database", () => {
  it("waits for sessions that are closing, instead of terminating them", async () => {
    const scratch = await createScratchDatabase(SERVER, "drop");
    const closing = await session(scratch.url, 300);
    await scratch.drop();
    expect(closing.errors).toEqual([]);
    expect(await exists(new URL(scratch.url).pathname.slice(1))).toBe(false);
  });

  it("ends a session that stays open, after a while", async () => {
    const scratch = await createScratchDatabase(SERVER, "drop");
    const leaked = await session(scratch.url, null);
    const started = Date.now();
    await scratch.drop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(leaked.errors[0]).toBe("terminating connection due to administrator command");
    expect(await exists(new URL(scratch.url).pathname.slice(1))).toBe(false);
  });
});
