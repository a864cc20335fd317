// A statement that gets no answer within QUERY_TIMEOUT_MS fails, and pg-pool drops its connection
// (a client released with an error is closed). A hung server or a failover that left the open
// connections half-open makes every idle connection as dead as that one, so they are dropped
// too: the next statement opens a new connection instead of meeting the next dead one and
// waiting out the timeout again — or, without a timeout, until TCP gives up (~15 min).
import type pg from "pg";

/** How long a statement on a request's path waits for its answer. */
export const QUERY_TIMEOUT_MS = 5_000;

/** pg's error when a statement's query_timeout passes. */
const isQueryTimeout = (err: Error | undefined): boolean => err?.message === "Query read timeout";

/** Drop every idle connection of `pool` when one of its statements times out. */
export function dropIdleOnQueryTimeout(pool: pg.Pool): void {
  const idle = new Set<pg.PoolClient>();
  pool.on("acquire", (client) => idle.delete(client));
  pool.on("remove", (client) => idle.delete(client as pg.PoolClient));
  pool.on("release", (err, client) => {
    if (!err) return void idle.add(client);
    idle.delete(client);
    if (!isQueryTimeout(err)) return;
    // An idle client's error is pg-pool's signal to close it and take it out of the pool.
    for (const other of idle) other.emit("error", new Error("dropped: another connection of its pool stopped answering"));
    idle.clear();
  });
}
