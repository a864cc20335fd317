// Upstash accepts shebang flags in Lua scripts that Redis rejects (`#!lua flags=allow-key-locking`):
// the fake Upstash, running scripts on the real Redis, drops them and keeps EVALSHA working under the
// original script's SHA-1, as Upstash does. Every other script, flag and error is Redis's own, so the
// fake refuses what Upstash refuses on that account. Our limits send no such flag today; a client that
// does (as @upstash/ratelimit's scripts do) is served here as on Upstash.
// Sources: Redis refuses unknown shebang flags (redis.io, "Script flags": allow-key-locking is not one of
// no-writes, allow-oom, allow-stale, no-cluster, allow-cross-slot-keys); Upstash accepts it and locks
// only the script's KEYS under it (Upstash's Redis docs on Lua scripts; github.com/upstash/ratelimit-js,
// its Lua scripts open with it).
import { scriptSha } from "../../lib/limits/scripts";

const UPSTASH_ONLY_FLAGS = new Set(["allow-key-locking"]);

/** The script without flags only Upstash understands (a shebang left with no flags is dropped). */
export function portableScript(script: string): string {
  const match = /^#!lua([^\n]*)\n/.exec(script);
  if (!match) return script;
  const flags = /flags=(\S*)/.exec(match[1])?.[1].split(",").filter(Boolean) ?? [];
  const kept = flags.filter((flag) => !UPSTASH_ONLY_FLAGS.has(flag));
  if (kept.length === flags.length) return script;
  const body = script.slice(match[0].length);
  return kept.length ? `#!lua flags=${kept.join(",")}\n${body}` : body;
}

/** Remembers which portable script stands for which Upstash script, so EVALSHA keeps working. */
export class ScriptDialect {
  private readonly shas = new Map<string, string>();

  /** The script to send to Redis for EVAL or SCRIPT LOAD of `script`. */
  forRedis(script: string): string {
    const portable = portableScript(script);
    if (portable !== script) this.shas.set(scriptSha(script), scriptSha(portable));
    return portable;
  }

  /** The SHA-1 Redis knows `sha` by (unknown ones pass through and get Redis's NOSCRIPT). */
  shaForRedis(sha: string): string {
    return this.shas.get(sha.toLowerCase()) ?? sha;
  }
}
