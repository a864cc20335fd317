// Whether an error means a backing store (PostgreSQL, Redis) could not be reached for a
// moment — a restart, a failover, a full pool — rather than a fault in our code.

const CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN",
  // PostgreSQL: admin/crash shutdown, cannot connect now, connection exceptions (SQLSTATE classes 57P and 08).
  "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006",
  // PostgreSQL: out of resources — disk full, out of memory, too many connections (max_connections
  // reached by every instance's pools together), configuration limit exceeded (SQLSTATE class 53).
  "53000", "53100", "53200", "53300", "53400",
  // PostgreSQL: a read-only transaction — a server that is (still, or again) a standby, as during a failover.
  "25006",
  // Prisma: database not reachable, connection closed, pool timeout.
  "P1001", "P1002", "P1017", "P2024",
]);
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Redis replies that say the server cannot take the command now: a replica refusing writes (the old
// primary after a failover), full (maxmemory with nothing it may evict), loading its data after a
// restart, cut off from its primary or cluster, or busy with a script.
const REDIS_REPLIES = /^(READONLY|OOM|LOADING|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|BUSY) /;
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Connection is closed|connection error|Can't reach database server|Reached the max retries per request|Command timed out|Query read timeout|the database system is (starting up|shutting down)|terminating connection due to administrator command/i;

/** True when `err` (or anything in its cause chain) says a store was unreachable, not that our code failed. */
export function isStoreUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown; errors?: unknown };
  if (typeof e.code === "string" && CODES.has(e.code)) return true;
  if (typeof e.kind === "string" && KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && (MESSAGES.test(e.message) || REDIS_REPLIES.test(e.message))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isStoreUnavailable(inner, depth + 1))) return true; // AggregateError (both addresses refused)
  return isStoreUnavailable(e.cause, depth + 1) || isStoreUnavailable(e.meta, depth + 1);
}
