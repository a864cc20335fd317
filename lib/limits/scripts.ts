// Running the limiter's Lua scripts by SHA-1 on Redis or Upstash (loading them with EVAL the first time).
import { createHash } from "node:crypto";
import type { Redis } from "@upstash/redis";

/** The subset of @upstash/redis that runs scripts; the ioredis adapter provides it too. */
export type ScriptClient = Pick<Redis, "evalsha" | "eval" | "scriptLoad">;

/** SHA-1 of a script, hex: the name EVALSHA knows it by. */
export function scriptSha(script: string): string {
  return createHash("sha1").update(script).digest("hex");
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
