// Fuzzing /v1 on both mounts: thousands of generated requests — invalid JSON, wrong types for
// every field, huge numbers, deep nesting, a 10 MB body, invalid UTF-8, odd roles and content,
// wrong content types, odd methods and paths, junk bearers. Every answer is a 4xx in the spec's
// shape (or a 200 where the request is in fact valid); never a 5xx, never a hang; the server
// stays up. The generator is seeded: a failure names the seed and the request.
import { describe, expect, inject, it } from "vitest";
import { hello, newAccount, postChat, MOUNT_NAMES, useMounts } from "./harness";
import { schemaErrors } from "./contract";

const mounts = useMounts();
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const PER_MOUNT = 600;

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Case = { label: string; method: string; path: string; headers: Record<string, string>; body?: Uint8Array<ArrayBuffer> | string };

const FIELDS = ["model", "messages", "stream", "temperature", "max_tokens", "max_completion_tokens", "top_p", "frequency_penalty",
  "presence_penalty", "stop", "stream_options", "n", "tools", "tool_choice", "response_format", "seed", "user", "logprobs",
  "top_logprobs", "logit_bias", "metadata", "parallel_tool_calls"];
const deep = (n: number): unknown => (n === 0 ? 1 : [deep(n - 1)]);
const ODD_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, "", "x", "🦄".repeat(50), "\u0000\u202e",
  [], [null], [1, "a", {}], {}, { a: { b: { c: [] } } }, deep(40), "x".repeat(50_000), Array.from({ length: 500 }, (_, i) => i)];
const ODD_MESSAGES: unknown[] = [
  [{ role: "robot", content: "x" }], [{ role: "user" }], [{ role: "user", content: 5 }], [{ role: "user", content: [{ type: "image_url" }] }],
  [{ role: "user", content: [{ text: "no type" }] }], [{ role: "tool", content: "orphan" }], [{ role: "assistant", content: null, tool_calls: [{}] }],
  [{ role: "system", content: "" }], [{}], [null], ["hi"], [{ role: "user", content: "x".repeat(200_000) }],
  [{ role: "user", content: [{ type: "text", text: "ok" }] }], [{ role: "developer", content: "be brief" }, { role: "user", content: "hi" }],
];
const PATHS = ["/v1", "/v1/", "/v1/chat", "/v1/chat/completions/", "/v1/chat/completions/x", "/v1/models", "/v1/models/", "/v1/models/deepseek-chat",
  "/v1/models/..%2F..%2Fetc", "/v1/embeddings", "/v1//models", "/v1/models/" + "a".repeat(3000), "/v1/%00"];
/** Malformed percent-encoding: server.ts gives it to the gateway; Next's own server (`next start`) fails it in its router, before app code. */
const MALFORMED = ["/v1/models/%ZZ", "/v1/models/%", "/v1/models/%E0%A4%A", "/v1/%ZZ"];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];
const CONTENT_TYPES = ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json; charset=latin1"];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function validBody(rand: () => number): Record<string, unknown> {
  return { model: pick(rand, ["deepseek-chat", "qwen-turbo", "deepseek-v3"]), messages: hello, max_tokens: 1 + Math.floor(rand() * 4), stream: rand() < 0.3 };
}

/** One generated request. */
function generate(rand: () => number, key: string, i: number, paths: string[]): Case {
  const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const kind = Math.floor(rand() * 10);
  if (kind === 0) {
    const text = JSON.stringify(validBody(rand));
    return { label: "truncated JSON", method: "POST", path: "/v1/chat/completions", headers: auth, body: text.slice(0, Math.floor(rand() * text.length)) };
  }
  if (kind === 1) {
    const bytes = new Uint8Array(100 + Math.floor(rand() * 300)).map(() => Math.floor(rand() * 256));
    if (rand() < 0.5) bytes.set(new TextEncoder().encode('{"model":"deepseek-chat","messages":[{"role":"user","content":"'));
    return { label: "random bytes / invalid UTF-8", method: "POST", path: "/v1/chat/completions", headers: auth, body: bytes };
  }
  if (kind === 2 || kind === 3) {
    const body = validBody(rand);
    body[pick(rand, FIELDS)] = pick(rand, ODD_VALUES);
    if (rand() < 0.3) body[pick(rand, FIELDS)] = pick(rand, ODD_VALUES);
    return { label: "odd field", method: "POST", path: "/v1/chat/completions", headers: auth, body: JSON.stringify(body) };
  }
  if (kind === 4) {
    return { label: "odd messages", method: "POST", path: "/v1/chat/completions", headers: auth, body: JSON.stringify({ ...validBody(rand), messages: pick(rand, ODD_MESSAGES) }) };
  }
  if (kind === 5) {
    return { label: "odd content type", method: "POST", path: "/v1/chat/completions", headers: { ...auth, "content-type": pick(rand, CONTENT_TYPES) }, body: JSON.stringify(validBody(rand)) };
  }
  if (kind === 6) {
    const method = pick(rand, METHODS);
    return { label: "odd method/path", method, path: pick(rand, paths), headers: auth, body: method === "GET" || method === "HEAD" ? undefined : "{}" };
  }
  if (kind === 7) {
    const bearer = pick(rand, ["", "Bearer", "Bearer ", "Basic abc", `Bearer ${key}x`, `Bearer ${key} ${key}`, "Bearer sib-" + "0".repeat(60), `bearer\t${key}`, "Bearer \u00ff\u00fe", "x".repeat(8000)]);
    return { label: "junk bearer", method: pick(rand, ["GET", "POST"]), path: pick(rand, ["/v1/models", "/v1/chat/completions"]), headers: { authorization: bearer, "content-type": "application/json" }, body: undefined };
  }
  if (kind === 8) {
    const raw = pick(rand, ["[]", "null", "1", '"str"', "{}", `{"model":"deepseek-chat","messages":${JSON.stringify(hello)},"max_tokens":1e999}`,
      `{"model":"deepseek-chat","messages":${JSON.stringify(hello)},"temperature":-0}`, `{"model":"deepseek-chat","messages":${JSON.stringify(hello)},"max_tokens":1.0}`,
      `{"model":"deepseek-chat","model":"x","messages":${JSON.stringify(hello)}}`, `{"__proto__":{"x":1},"model":"deepseek-chat","messages":${JSON.stringify(hello)},"max_tokens":2}`,
      `{"constructor":{"prototype":{}},"model":"deepseek-chat","messages":${JSON.stringify(hello)},"max_tokens":2}`, `${"[".repeat(100_000)}`,
      `{"model":"deepseek-chat","messages":${JSON.stringify(hello)},"tools":${"[".repeat(5000)}${"]".repeat(5000)}}`,
      `{"model":"deepseek-chat","messages":${JSON.stringify(hello)},"metadata":{"a":${"[".repeat(5000)}${"]".repeat(5000)}}}`, `{"a":"${"\\u0000".repeat(1000)}"}`]);
    return { label: "odd JSON", method: "POST", path: "/v1/chat/completions", headers: auth, body: raw };
  }
  return { label: `valid #${i}`, method: "POST", path: "/v1/chat/completions", headers: auth, body: JSON.stringify(validBody(rand)) };
}

async function send(baseUrl: string, c: Case): Promise<{ status: number; text: string; type: string }> {
  const res = await fetch(`${baseUrl}${c.path}`, { method: c.method, headers: c.headers, body: c.body, signal: AbortSignal.timeout(15_000) });
  return { status: res.status, text: c.method === "HEAD" ? "" : await res.text(), type: res.headers.get("content-type") ?? "" };
}

function check(c: Case, r: { status: number; text: string; type: string }): string | null {
  if (r.status >= 500) return `${r.status}: ${r.text.slice(0, 300)}`;
  if (r.status === 200) return null;
  if (c.method === "HEAD") return null;
  try {
    const errors = schemaErrors("ErrorResponse", JSON.parse(r.text));
    return errors.length ? `not the spec's error shape: ${errors.join("; ")}` : null;
  } catch {
    return `${r.status} with a body that is not JSON: ${r.text.slice(0, 200)}`;
  }
}

describe.each(MOUNT_NAMES)("%s fuzz", (name) => {
  it(`answers ${PER_MOUNT} generated requests with 4xx in the spec's shape or 200, never 5xx or a hang`, async () => {
    const { key } = await newAccount({ plan: "ENTERPRISE", customRpm: 1_000_000, customTpm: 100_000_000, customConcurrent: 1_000, credits: 1_000_000_000_000n });
    const mount = mounts.named(name);
    const rand = prng(SEED + name.length);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const nextServer = name !== MOUNT_NAMES[0] && inject("externalMounts").length > 0;
    const paths = nextServer ? PATHS : [...PATHS, ...MALFORMED];
    const cases = Array.from({ length: PER_MOUNT }, (_, i) => generate(rand, key, i, paths));
    // Two 10 MB bodies: over MAX_BODY_BYTES, refused without reading them whole.
    const huge = JSON.stringify({ model: "deepseek-chat", messages: [{ role: "user", content: "x".repeat(10 * 1024 * 1024) }] });
    cases.push({ label: "10 MB body", method: "POST", path: "/v1/chat/completions", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: huge });
    cases.push({ label: "10 MB body, no key", method: "POST", path: "/v1/chat/completions", headers: { "content-type": "application/json" }, body: huge });
    for (let i = 0; i < cases.length; i += 24) {
      const batch = cases.slice(i, i + 24);
      const results = await Promise.all(batch.map((c) => send(mount.baseUrl, c).catch((err: Error) => ({ status: 599, text: `no answer: ${err.message}`, type: "" }))));
      batch.forEach((c, j) => {
        statuses.set(results[j].status, (statuses.get(results[j].status) ?? 0) + 1);
        const problem = check(c, results[j]);
        if (problem) failures.push(`[seed ${SEED}] ${c.label}: ${c.method} ${c.path.slice(0, 80)} ${typeof c.body === "string" ? c.body.slice(0, 160) : ""} → ${problem}`);
      });
    }
    expect(failures.slice(0, 15)).toEqual([]);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    // Still up and answering.
    expect((await postChat(mount, key, { model: "deepseek-chat", messages: hello, max_tokens: 2 })).status).toBe(200);
  }, 240_000);
});
