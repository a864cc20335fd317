// One pg transaction: the change and its audit row (or the rollup and its mark) commit together or not at all.
import type pg from "pg";
import { pool } from "../db";

/** Run `work` inside BEGIN/COMMIT on one client of `db`; ROLLBACK on any error. */
export async function inTransaction<T>(work: (db: pg.PoolClient) => Promise<T>, db: pg.Pool = pool()): Promise<T> {
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
