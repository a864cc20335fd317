// The logger: with LOG_FORMAT=json every line it writes is one JSON object; the access log
// carries the request's facts and can be switched off; credentials are masked.
import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "../../lib/env";
import { accessLog, flushAccessLog, log, redact } from "../../lib/log";
import { observeRequest } from "../../lib/observability/request";
import { secretsIn } from "./secret-scan";

/** Lines written to stdout and stderr while `work` runs (gathered access lines included). */
function captured(work: () => void): string[] {
  const out: string[] = [];
  const writers = [process.stdout, process.stderr].map((stream) => {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof stream.write;
    return () => (stream.write = original);
  });
  try {
    work();
    flushAccessLog();
  } finally {
    writers.forEach((restore) => restore());
  }
  return out.join("").split("\n").filter(Boolean);
}

function configure(vars: Record<string, string>): void {
  Object.assign(process.env, vars);
  reloadEnv();
}

afterEach(() => {
  for (const name of ["LOG_FORMAT", "ACCESS_LOG"]) delete process.env[name];
  process.env.LOG_LEVEL = "error";
  reloadEnv();
});

const entry = { requestId: "req_1", method: "POST", route: "/v1/chat/completions", status: 200, latencyMs: 12, model: "deepseek-chat", channel: "deepseek", api: "chat" };

describe("logs", () => {
  it("writes one JSON object per line with LOG_FORMAT=json, for every level and the access log", () => {
    configure({ LOG_FORMAT: "json", LOG_LEVEL: "debug" });
    const lines = captured(() => {
      log.debug("debugging", { n: 1 });
      log.info("started\nwith a second line", { port: 3000 });
      log.warn("careful");
      log.error("failed: Error: boom\n    at x (file.ts:1:1)");
      accessLog(entry);
    });
    expect(lines).toHaveLength(5);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((p) => p.level)).toEqual(["debug", "info", "warn", "error", "info"]);
    for (const p of parsed) expect(new Date(p.time as string).toISOString()).toBe(p.time);
    expect(parsed[1]).toMatchObject({ msg: "started\nwith a second line", port: 3000 });
    expect(parsed[4]).toMatchObject({ msg: "access", ...entry });
  });

  it("writes human lines with LOG_FORMAT=text", () => {
    configure({ LOG_FORMAT: "text", LOG_LEVEL: "info" });
    const lines = captured(() => {
      log.info("started", { port: 3000 });
      accessLog(entry);
    });
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z INFO  started port=3000$/);
    expect(lines[1]).toMatch(/ INFO  req_1 POST \/v1\/chat\/completions 200 12ms model=deepseek-chat channel=deepseek$/);
  });

  it("records an answered /v1 request with its route template, never the path or model a client typed", () => {
    configure({ LOG_FORMAT: "json", LOG_LEVEL: "info" });
    const lines = captured(() => {
      observeRequest({ requestId: "req_2", method: "GET", path: "/v1/models/customer-typed-9f", status: 404, startedAt: Date.now() - 5 });
      observeRequest({ requestId: "req_3", method: "BREW", path: "/v1/anything/typed", status: 404, startedAt: Date.now() });
    });
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      { msg: "access", requestId: "req_2", method: "GET", route: "/v1/models/{model}", status: 404, model: "other", channel: "none", api: "models" },
      { msg: "access", requestId: "req_3", method: "OTHER", route: "other", api: "other" },
    ]);
    expect(lines.join("\n")).not.toMatch(/customer-typed|anything|BREW/);
  });

  it("writes no access log with ACCESS_LOG=false", () => {
    configure({ LOG_FORMAT: "json", LOG_LEVEL: "info", ACCESS_LOG: "false" });
    expect(captured(() => accessLog(entry))).toEqual([]);
    expect(captured(() => log.info("still here"))).toHaveLength(1);
  });

  it("writes access lines together within 50 ms, and before any other line", async () => {
    configure({ LOG_FORMAT: "json", LOG_LEVEL: "info" });
    const writes: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => (writes.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      accessLog({ ...entry, requestId: "req_a" });
      accessLog({ ...entry, requestId: "req_b" });
      expect(writes).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(writes).toHaveLength(1);
      expect(writes[0].trim().split("\n").map((line) => JSON.parse(line).requestId)).toEqual(["req_a", "req_b"]);
      accessLog({ ...entry, requestId: "req_c" });
      log.info("after the request");
      expect(writes.slice(1).map((w) => JSON.parse(w).requestId ?? JSON.parse(w).msg)).toEqual(["req_c", "after the request"]);
    } finally {
      process.stdout.write = original;
    }
  });

  it("masks keys, bearer credentials and password-like fields that reach a message", () => {
    const key = "sib-AbCdEf0123456789AbCdEf0123456789";
    expect(redact(`lookup of ${key} failed`)).toBe("lookup of sib-[redacted] failed");
    expect(redact("upstream said: Authorization: Bearer sk-live-abcdef123456")).toBe("upstream said: Authorization: Bearer [redacted]");
    expect(redact("provider key sk-abcdef0123456789 refused")).toBe("provider key sk-[redacted] refused");
    expect(redact('{"password":"hunter2-secret","email":"a@b.c"}')).toBe('{"password":"[redacted]","email":"a@b.c"}');
    expect(redact("email=a%40b.c&password=hunter2&next=1")).toBe("email=a%40b.c&password=[redacted]&next=1");
    // A password-reset link is how mail is delivered without SMTP (README, "Accounts"): it stays usable.
    const reset = "Set a new password: http://localhost:3000/reset-password?token=abc-123_def";
    expect(redact(reset)).toBe(reset);
    configure({ LOG_FORMAT: "json", LOG_LEVEL: "info" });
    const [line] = captured(() => log.error(`bad key ${key}`));
    expect(line).not.toContain(key.slice(4));
  });
});

describe("the secret scan of server output", () => {
  it("finds known values, full keys, Luhn-valid card numbers and clear password fields, and nothing in ordinary lines", () => {
    const ordinary = '{"msg":"access","requestId":"req_0123456789abcdef0123456789abcdef","status":200,"latencyMs":1234567890123456}\nsib-…abcd "password":"[redacted]"';
    expect(secretsIn(ordinary, { token: "t0ken-value" })).toEqual([]);
    expect(secretsIn("x t0ken-value y", { token: "t0ken-value" })).toEqual(["token"]);
    expect(secretsIn("key sib-AbCdEf0123456789AbCd", {})).toEqual(["an API key (sib-AbCd…)"]);
    expect(secretsIn("card 4242 4242 4242 4242", {})).toEqual(["a card number"]);
    expect(secretsIn("card 4242424242424242.", {})).toEqual(["a card number"]);
    expect(secretsIn("id 4242424242424241", {})).toEqual([]); // not Luhn-valid
    expect(secretsIn('{"password":"hunter2"}', {})).toEqual(["a password field"]);
  });
});
