import { afterAll, describe, expect, it } from "vitest";
import IORedis from "ioredis";
import { scriptSha } from "../../lib/limits/scripts";
import { portableScript, ScriptDialect } from "./upstash-dialect";
import { TEST_REDIS_URL } from "../setup/services";

const redis = new IORedis(TEST_REDIS_URL);
afterAll(() => redis.quit());

const UPSTASH = "#!lua flags=allow-key-locking\nreturn ARGV[1]";

describe("portableScript", () => {
  it("drops a shebang whose only flag is Upstash's, keeps other flags, leaves plain scripts alone", () => {
    expect(portableScript(UPSTASH)).toBe("return ARGV[1]");
    expect(portableScript("#!lua flags=no-writes,allow-key-locking\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    expect(portableScript("#!lua flags=no-writes\nreturn 1")).toBe("#!lua flags=no-writes\nreturn 1");
    expect(portableScript("return 1")).toBe("return 1");
  });

  it("gives the real Redis a script it accepts where the original is refused", async () => {
    await expect(redis.eval(UPSTASH, 0, "x")).rejects.toThrow(/allow-key-locking/);
    expect(await redis.eval(portableScript(UPSTASH), 0, "x")).toBe("x");
  });
});

describe("ScriptDialect", () => {
  it("maps the Upstash script's SHA-1 to the portable one after an EVAL", async () => {
    const dialect = new ScriptDialect();
    expect(dialect.shaForRedis(scriptSha(UPSTASH))).toBe(scriptSha(UPSTASH));
    await redis.eval(dialect.forRedis(UPSTASH), 0, "y");
    expect(dialect.shaForRedis(scriptSha(UPSTASH))).toBe(scriptSha("return ARGV[1]"));
    expect(await redis.evalsha(dialect.shaForRedis(scriptSha(UPSTASH)), 0, "z")).toBe("z");
  });
});
