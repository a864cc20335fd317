// Lua scripts on two dialects: Upstash accepts shebang flags that Redis rejects
// (@upstash/ratelimit marks its scripts `#!lua flags=allow-key-locking`), so a
// self-hosted Redis gets the script without them, under its own SHA-1.
import { createHash } from "node:crypto";
import type { Redis } from "@upstash/redis";

/** The subset of @upstash/redis that runs scripts; the ioredis adapter provides it too. */
export type ScriptClient = Pick<Redis, "evalsha" | "eval">;

const UPSTASH_ONLY_FLAGS = new Set(["allow-key-locking"]);

/** SHA-1 of a script, hex: the name EVALSHA knows it by. */
export function scriptSha(script: string): string {
  return createHash("sha1").update(script).digest("hex");
}

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

/** Run a script by SHA-1, loading it with EVAL when the server does not know it yet. */
export async function runScript<T>(client: ScriptClient, script: string, sha: string, keys: string[], args: (string | number)[]): Promise<T> {
  try {
    return await client.evalsha<(string | number)[], T>(sha, keys, args);
  } catch (err) {
    if (!String(err).includes("NOSCRIPT")) throw err;
    return client.eval<(string | number)[], T>(script, keys, args);
  }
}
