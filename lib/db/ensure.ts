// Resolve the database a script or server uses: DATABASE_URL, or the embedded default.
import { env, reloadEnv } from "../env";
import { startEmbeddedPostgres } from "./embedded";

export type DatabaseHandle = { url: string; embedded: boolean; stop: () => Promise<void> };

/** Use DATABASE_URL when set; otherwise start the embedded PostgreSQL and point DATABASE_URL at it. */
export async function ensureDatabase(log: (line: string) => void = console.log): Promise<DatabaseHandle> {
  const config = env();
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  const embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT, log);
  process.env.DATABASE_URL = embedded.url;
  reloadEnv();
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}
