// npm run db:migrate [-- --check | --create NAME]: apply, verify or write migrations offline.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ensureDatabase } from "../lib/db/ensure";
import { createScratchDatabase } from "../lib/db/scratch";
import { migrate } from "../lib/db/migrate";
import { applyMigrations, diffDatabaseToSchema, migrationsDir, openEngine } from "../lib/db/schema-engine";

/** Apply all migrations to a scratch database and diff it against schema.prisma. */
async function pendingSchemaChange(serverUrl: string): Promise<string> {
  const scratch = await createScratchDatabase(serverUrl, "check");
  try {
    const { engine, close } = await openEngine(scratch.url);
    try {
      await applyMigrations(engine);
      return await diffDatabaseToSchema(engine);
    } finally {
      await close();
    }
  } finally {
    await scratch.drop();
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const database = await ensureDatabase();
  try {
    if (args[0] === "--check") {
      const sql = await pendingSchemaChange(database.url);
      if (!sql) {
        console.log("prisma/schema.prisma and prisma/migrations agree.");
        return 0;
      }
      console.error(`prisma/schema.prisma differs from prisma/migrations. Run \`npm run db:migrate -- --create <name>\`. Missing SQL:\n${sql}`);
      return 1;
    }
    if (args[0] === "--create") {
      const name = (args[1] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
      if (!name) throw new Error("usage: npm run db:migrate -- --create <name>");
      const sql = await pendingSchemaChange(database.url);
      if (!sql) {
        console.log("No schema change to migrate.");
        return 0;
      }
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join(migrationsDir, `${stamp}_${name}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, "migration.sql"), `${sql}\n`);
      await writeFile(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
      console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
      return 0;
    }
    await migrate(database.url);
    return 0;
  } finally {
    await database.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`Migration failed: ${err.message}`);
      process.exit(1);
    },
  );
}
