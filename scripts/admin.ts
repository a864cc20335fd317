// npm run admin -- <command>: operator commands without a browser. Starts (or joins) the
// embedded database when DATABASE_URL is absent, applies pending migrations and seeds the
// catalog first. Results go to stdout; errors, and progress at LOG_LEVEL info/debug, to stderr.
import { env } from "../lib/env";
import { ensureDatabase } from "../lib/db/ensure";
import { disconnect } from "../lib/db";
import { seedCatalog } from "../lib/gateway/catalog";
import { runAdmin } from "../lib/admin/cli";
import { migrate } from "../lib/db/migrate";

const failure = (line: string) => console.error(line);

async function prepare(): Promise<() => Promise<void>> {
  const verbose = env().LOG_LEVEL === "debug" || env().LOG_LEVEL === "info";
  const progress = (line: string) => verbose && console.error(line);
  const database = await ensureDatabase(progress);
  try {
    await migrate(database.url, progress);
    await seedCatalog();
  } catch (err) {
    await disconnect();
    await database.stop();
    throw err;
  }
  return async () => {
    await disconnect();
    await database.stop();
  };
}

runAdmin(process.argv.slice(2), { out: (line) => console.log(line), err: failure }, prepare).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`error: ${err.message}`);
    process.exit(1);
  },
);
