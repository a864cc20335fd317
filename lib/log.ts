// The process's logger: leveled (LOG_LEVEL), one JSON object per line (LOG_FORMAT=json, the
// production default) or human lines. Never pass it a secret; as a second guard, anything
// shaped like an API key or a bearer credential is masked before a line is written.
import { env, logFormat } from "./env";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;
/** Extra structured fields of a line: numbers, short strings and flags, never customer content. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

// Our keys (sib-…), provider keys (sk-…), whatever follows "Bearer ", and password or secret fields
// written as JSON ("password":"…") or form data (password=…).
// (Not "token=": a password-reset link is delivered through the log when SMTP is not set.)
const SECRET = /\b(sib-|sk-)[A-Za-z0-9_-]{8,}|\b(Bearer\s+)\S+|\b(password|passwd|secret)(=|["']\s*:\s*["'])[^\s"'&,}]+/gi;

/** Mask anything that looks like a credential. */
export function redact(text: string): string {
  return text.replace(SECRET, (_match, keyPrefix?: string, bearer?: string, name?: string, sep?: string) =>
    keyPrefix ? `${keyPrefix}[redacted]` : bearer ? `${bearer}[redacted]` : `${name}${sep}[redacted]`);
}

function enabled(level: Level): boolean {
  return LEVELS[level] >= LEVELS[env().LOG_LEVEL];
}

// Access-log lines are gathered and written together (one write per 50 ms or 64 KB, not one
// per request); any other line, and the process's exit, writes them first, so order holds.
// A process killed with -9 loses at most the last 50 ms of access lines.
const ACCESS_FLUSH_MS = 50;
const ACCESS_FLUSH_BYTES = 64 * 1024;
let gathered = "";
let flushTimer: NodeJS.Timeout | null = null;

/** Write the access-log lines gathered so far. */
export function flushAccessLog(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  if (!gathered) return;
  const text = gathered;
  gathered = "";
  process.stdout.write(text);
}
process.on("exit", flushAccessLog);

function emit(level: Level, line: string): void {
  flushAccessLog();
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

function emitAccess(line: string): void {
  gathered += `${line}\n`;
  if (gathered.length >= ACCESS_FLUSH_BYTES) flushAccessLog();
  else if (!flushTimer) flushTimer = setTimeout(flushAccessLog, ACCESS_FLUSH_MS).unref();
}

function text(level: Level, message: string, fields?: LogFields): string {
  let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
  if (fields) for (const [name, value] of Object.entries(fields)) if (value !== undefined) line += ` ${name}=${value}`;
  return line;
}

function write(level: Level, message: string, fields?: LogFields): void {
  if (!enabled(level)) return;
  const msg = redact(message);
  emit(level, logFormat() === "json" ? JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) : text(level, msg, fields));
}

/** Log lines with a level, and optional structured fields. */
export const log = {
  debug: (message: string, fields?: LogFields) => write("debug", message, fields),
  info: (message: string, fields?: LogFields) => write("info", message, fields),
  warn: (message: string, fields?: LogFields) => write("warn", message, fields),
  error: (message: string, fields?: LogFields) => write("error", message, fields),
};

/** One /v1 request, as the access log records it: nothing a customer typed, no key. */
export type AccessEntry = {
  requestId: string;
  method: string;
  route: string;
  status: number;
  latencyMs: number;
  model: string;
  channel: string;
  api: string;
};

/** Write an access-log line for a /v1 request, unless ACCESS_LOG=false or the level hides info. */
export function accessLog(entry: AccessEntry): void {
  if (!env().ACCESS_LOG || !enabled("info")) return;
  if (logFormat() === "json") {
    emitAccess(JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "access", ...entry }));
    return;
  }
  const { requestId, method, route, status, latencyMs, model, channel } = entry;
  emitAccess(`${new Date().toISOString()} INFO  ${requestId} ${method} ${route} ${status} ${latencyMs}ms model=${model} channel=${channel}`);
}
