// The Prisma client and the raw pg pool behind it: one pool per process, shared by
// Next's bundles and the production server through globalThis. The Prisma client is made on
// first use: the /v1 path speaks SQL through the pool, so an API process never loads Prisma's
// query compiler (WebAssembly, ~70 MB).
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { dropIdleOnQueryTimeout, QUERY_TIMEOUT_MS } from "./db/dead-connections";
import { env } from "./env";
import { log } from "./log";

type Db = { pool: pg.Pool; reservations: pg.Pool; prisma: PrismaClient | null };
const globalForDb = globalThis as unknown as { __sibDb?: Db };

function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start through `npm run dev` (embedded database) or set DATABASE_URL");
  return url;
}

/** A new connection waits at most this long (an unreachable database fails requests with a 503, not a hang). */
const CONNECT_TIMEOUT_MS = 5_000;

function connect(): Db {
  const max = env().DATABASE_POOL_MAX;
  // Pages, background jobs and the CLI wait longer than a request's statements, but not until TCP gives up on a dead connection.
  const pool = new pg.Pool({ connectionString: databaseUrl(), max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: env().DATABASE_QUERY_TIMEOUT_MS });
  // Holds are reservations, not money: their commits need not wait for the disk (a hold lost
  // in a database crash only frees credit early). Everything else commits synchronously.
  // Every statement of this pool is on a request's path (or settles one): none waits long.
  const reservations = new pg.Pool({
    connectionString: databaseUrl(), max: Math.max(1, Math.ceil(max / 2)), connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    options: "-c synchronous_commit=off", query_timeout: QUERY_TIMEOUT_MS,
  });
  for (const p of [pool, reservations]) {
    p.on("error", (err) => log.error(`[db] idle client error: ${err.message}`));
    dropIdleOnQueryTimeout(p);
  }
  return { pool, reservations, prisma: null };
}

function db(): Db {
  globalForDb.__sibDb ??= connect();
  return globalForDb.__sibDb;
}

/** The Prisma client. */
export function prisma(): PrismaClient {
  const current = db();
  current.prisma ??= new PrismaClient({ adapter: new PrismaPg(current.pool) });
  return current.prisma;
}

/** The pg pool, for the few hot-path statements written as single SQL statements. */
export function pool(): pg.Pool {
  return db().pool;
}

/**
 * A statement through the main pool that fails after `timeoutMs` (its connection dropped, and the
 * pool's idle ones: lib/db/dead-connections.ts) instead of waiting on a database that stopped answering.
 */
export function boundedQuery<R extends pg.QueryResultRow>(text: string, values: unknown[] = [], timeoutMs = QUERY_TIMEOUT_MS): Promise<pg.QueryResult<R>> {
  return pool().query<R>({ text, values, query_timeout: timeoutMs } as pg.QueryConfig);
}

/** The pool for credit holds: asynchronous commit, so a hold costs no disk flush on the request path. */
export function reservationPool(): pg.Pool {
  return db().reservations;
}

/** Close the pool (scripts and tests). */
export async function disconnect(): Promise<void> {
  const current = globalForDb.__sibDb;
  globalForDb.__sibDb = undefined;
  if (current) {
    await current.prisma?.$disconnect();
    await Promise.all([current.pool.end(), current.reservations.end()]).catch(() => undefined);
  }
}
