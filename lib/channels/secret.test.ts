// The channel encryption key: CHANNEL_SECRET when set; outside production a generated key
// kept (0600) under DATA_DIR and reused; in production, no key without CHANNEL_SECRET.
// Each case runs in a fresh process, as the key is read once per process.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const SCRIPT = `import("./lib/channels/cipher.ts").then(({ encryptApiKey, decryptApiKey }) => {
  const stored = process.env.STORED || encryptApiKey("sk-secret-test-key");
  console.log(JSON.stringify({ stored, plain: decryptApiKey(stored) }));
}).catch((err) => { console.log(JSON.stringify({ error: err.message })); });`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sib-secret-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(env: Record<string, string>): Promise<{ stored?: string; plain?: string; error?: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: "error", ...env };
  if (!env.CHANNEL_SECRET) delete childEnv.CHANNEL_SECRET;
  const { stdout } = await promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), ["--eval", SCRIPT], { cwd: root, env: childEnv });
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

describe("channel secret", () => {
  it("generates a development key once under DATA_DIR, readable only by its owner, and reuses it", async () => {
    const first = await run({ NODE_ENV: "development" });
    expect(first.plain).toBe("sk-secret-test-key");
    expect(first.stored).not.toContain("sk-secret");
    const file = path.join(dir, "channel-secret");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, "utf8")).trim()).toMatch(/^[0-9a-f]{64}$/);
    expect((await run({ NODE_ENV: "development", STORED: first.stored! })).plain).toBe("sk-secret-test-key");
  });

  it("requires CHANNEL_SECRET in production, and a key stored under another secret does not decrypt", async () => {
    expect((await run({ NODE_ENV: "production" })).error).toMatch(/CHANNEL_SECRET is required in production/);
    const stored = (await run({ NODE_ENV: "production", CHANNEL_SECRET: "b".repeat(64) })).stored!;
    expect((await run({ NODE_ENV: "production", CHANNEL_SECRET: "c".repeat(64), STORED: stored })).error).toMatch(/cannot be decrypted/);
  });
});
