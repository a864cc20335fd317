// Prisma's schema engine as WebAssembly: applies and diffs migrations with no native
// binary and no download. The folder stays in Prisma's format for `prisma migrate deploy`.
import { EventEmitter } from "node:events";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { log } from "../log";

const root = process.cwd();
export const schemaPath = path.join(root, "prisma/schema.prisma");
export const migrationsDir = path.join(root, "prisma/migrations");
const noFilter = { externalTables: [], externalEnums: [] };

type EngineModule = typeof import("@prisma/schema-engine-wasm");
let engineModule: Promise<EngineModule> | undefined;

/**
 * The engine's panics, by message (logged: the glue then throws "RuntimeError: unreachable", which ends
 * a CLI before any handler runs). A call that panics never settles (prisma/orm#29635), and with no
 * registry the glue throws a TypeError of its own instead of the message: calls race the panics.
 */
const panics = new EventEmitter();
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message: (message: string) => {
    log.error(`Prisma's schema engine panicked: ${message}`);
    panics.emit("panic", message);
  },
};

/** `call`'s outcome, or an error with the engine's panic message if it panics first. */
function unlessPanicked<T>(call: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const panicked = (message: string) => reject(new Error(`Prisma's schema engine failed: ${message}`));
    panics.once("panic", panicked);
    call.then(resolve, reject).finally(() => panics.off("panic", panicked));
  });
}

/** The engine's WebAssembly, instantiated once per process: its JS glue holds one instance, shared by every engine. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= instantiateEngineModule();
  return engineModule;
}

async function instantiateEngineModule(): Promise<EngineModule> {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const bg = await import(path.join(pkgDir, "schema_engine_bg.js"));
  const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bg;
}

const PG_CHAR = 18;
const PG_TEXT = 25;

/**
 * The pg adapter has no mapping for PostgreSQL's internal one-byte "char" type, which the
 * engine's catalog queries read (relkind, contype, …). Report such columns as text.
 */
function textForChar(res: pg.QueryResult | undefined): void {
  for (const field of res?.fields ?? []) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
}

/**
 * PostgreSQL 18 lists each NOT NULL column as a constraint in pg_constraint (contype 'n'). The engine's
 * constraint query lets those rows through and panics on them (prisma/orm#29635; the fix,
 * prisma/prisma-engines#5819, is unreleased). It reads nullability from pg_attribute, so these rows
 * are left out, as before PostgreSQL 18 (the embedded database is 18).
 */
const CONSTRAINT_FILTER = "contype NOT IN ('p', 'u', 'f')";

/** The query (a string, or pg's query config, changed in place), with that filter leaving NOT NULL constraints out too. */
function withoutNotNullConstraints(query: unknown): unknown {
  const fix = (text: string) => text.replace(CONSTRAINT_FILTER, "contype NOT IN ('p', 'u', 'f', 'n')");
  if (typeof query === "string") return fix(query);
  const config = query as { text?: unknown } | null;
  if (typeof config?.text === "string") config.text = fix(config.text);
  return query;
}

class CatalogSafeClient extends pg.Client {
  override query(...args: unknown[]): never {
    args[0] = withoutNotNullConstraints(args[0]);
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (err: Error | null, res: pg.QueryResult) => {
        textForChar(res);
        (callback as (e: Error | null, r: pg.QueryResult) => void)(err, res);
      };
    }
    const result = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) return result.then((res: pg.QueryResult) => (textForChar(res), res)) as never;
    return result as never;
  }
}

/** The engine and a close() that frees it and ends its connections (and so its session's advisory lock). */
export type OpenEngine = { engine: SchemaEngine; close: () => Promise<void> };

/** Open the engine against one database. Call `close()` when done. */
export async function openEngine(databaseUrl: string): Promise<OpenEngine> {
  const bg = await loadEngineModule();
  const schema = await readFile(schemaPath, "utf8");
  const pool = new pg.Pool({ connectionString: databaseUrl, Client: CatalogSafeClient, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const log = (message: string) => {
    if (process.env.SIB_MIGRATE_DEBUG) console.error("[schema-engine]", message);
  };
  const engine = await bg.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, log, adapter);
  return {
    engine,
    close: async () => {
      try {
        engine.free();
      } catch {
        // An engine whose call panicked is still borrowed by that call: nothing more can be freed.
      }
      await pool.end();
    },
  };
}

/** The migrations folder as the engine reads it. */
export async function readMigrations(): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(migrationsDir, dir, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((err: Error) => ({ tag: "error" as const, value: err.message })),
        },
      })),
    ),
  };
}

/** Apply every migration the database has not seen. Returns their names. */
export async function applyMigrations(engine: SchemaEngine): Promise<string[]> {
  const out = await unlessPanicked(engine.applyMigrations({ migrationsList: await readMigrations(), filters: noFilter }));
  return out.appliedMigrationNames;
}

/** SQL that takes the database to the schema; empty when they agree. */
export async function diffDatabaseToSchema(engine: SchemaEngine): Promise<string> {
  const schema = await readFile(schemaPath, "utf8");
  const result = await unlessPanicked(engine.diff({
    from: { tag: "schemaDatasource", files: [{ path: schemaPath, content: schema }], configDir: root },
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
    script: true,
    exitCode: true,
    filters: noFilter,
  }));
  return result.exitCode === 2 ? (result.stdout ?? "").trim() : "";
}
