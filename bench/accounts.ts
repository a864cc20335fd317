// The data "ours" runs on: a scratch database on the local PostgreSQL with every
// migration, and many Enterprise accounts with one key each and limits too large to trip.
import { createScratchDatabase } from "../lib/db/scratch";
import { migrate } from "../lib/db/migrate";
import { disconnect, prisma } from "../lib/db";
import { reloadEnv } from "../lib/env";
import { createAccount } from "../lib/accounts/create";
import { createApiKey } from "../lib/keys/store";
import { seedCatalog } from "../lib/gateway/catalog";
import { parseUsd } from "../lib/money";

// Far above what this machine can send in a minute, so no limit trips and every limit still runs.
const BENCH_LIMITS = { customRpm: 100_000_000, customTpm: 2_000_000_000, customConcurrent: 100_000, customMaxKeys: 500 };
const CREDITS_USD = "1000000";

export type BenchData = { databaseUrl: string; keys: string[]; userIds: string[]; drop: () => Promise<void> };

/** Create the scratch database, migrate it, and make `count` Enterprise accounts with a key each. */
export async function prepareData(serverUrl: string, count: number): Promise<BenchData> {
  const scratch = await createScratchDatabase(serverUrl, "bench");
  try {
    await migrate(scratch.url, () => undefined);
    // lib/db reads DATABASE_URL through lib/env: point this process at the scratch database.
    process.env.DATABASE_URL = scratch.url;
    reloadEnv();
    await seedCatalog();
    const keys: string[] = [];
    const userIds: string[] = [];
    const stamp = Date.now().toString(36);
    for (let i = 0; i < count; i++) {
      const account = await createAccount({ email: `bench-${stamp}-${i}@bench.invalid`, plan: "ENTERPRISE", credits: parseUsd(CREDITS_USD) });
      await prisma().user.update({ where: { id: account.id }, data: BENCH_LIMITS });
      userIds.push(account.id);
      keys.push((await createApiKey(account.id, "bench")).key);
    }
    return { databaseUrl: scratch.url, keys, userIds, drop: scratch.drop };
  } catch (err) {
    await scratch.drop().catch(() => undefined);
    throw err;
  } finally {
    await disconnect();
  }
}
