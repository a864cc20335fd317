// The Prisma client and the raw pg pool behind it: one pool per process, shared by
// Next's bundles and the production server through globalThis.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

type Db = { pool: pg.Pool; prisma: PrismaClient };
const globalForDb = globalThis as unknown as { __sibDb?: Db };

function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start through `npm run dev` (embedded database) or set DATABASE_URL");
  return url;
}

function connect(): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 20 });
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { pool, prisma };
}

function db(): Db {
  globalForDb.__sibDb ??= connect();
  return globalForDb.__sibDb;
}

/** The Prisma client. */
export function prisma(): PrismaClient {
  return db().prisma;
}

/** The pg pool, for the few hot-path statements written as single SQL statements. */
export function pool(): pg.Pool {
  return db().pool;
}

/** Close the pool (scripts and tests). */
export async function disconnect(): Promise<void> {
  const current = globalForDb.__sibDb;
  globalForDb.__sibDb = undefined;
  if (current) {
    await current.prisma.$disconnect();
    await current.pool.end().catch(() => undefined);
  }
}
