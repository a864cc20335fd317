// The channel-* operator commands through the CLI's own runner (option parsing, output,
// exit status) against the real database and a strict DeepSeek fake for channel-test.
// (tests/gateway/failover.test.ts runs channel-set as a separate process.)
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnect } from "../db";
import { deepseekRules } from "../../tests/fakes/deepseek";
import { startProviderFake, type ProviderFake } from "../../tests/fakes/provider-fake";
import { runAdmin } from "./cli";

let fake: ProviderFake;
const KEY = `sk-cli-${randomUUID()}`;

beforeAll(async () => {
  fake = await startProviderFake(deepseekRules, KEY);
});
afterAll(async () => {
  await fake.close();
  await disconnect();
});

async function admin(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, async () => async () => undefined);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("channel commands", () => {
  it("adds, lists (with health, never the key), tests, edits, disables, enables and removes a channel", async () => {
    const name = `cli-${randomUUID().slice(0, 8)}`;
    const added = await admin("channel-add", "--name", name, "--provider", "deepseek", "--base-url", fake.baseUrl, "--api-key", KEY, "--models", "deepseek-v3=deepseek-chat,deepseek-chat", "--weight", "2", "--priority", "-5");
    expect(added).toMatchObject({ code: 0, err: "" });
    expect(added.out).toContain(`${name} · deepseek · enabled · priority -5 · weight 2`);
    expect(added.out).toContain("models deepseek-v3=deepseek-chat,deepseek-chat");
    expect(added.out).not.toContain(KEY);

    const tested = await admin("channel-test", "--name", name);
    expect(tested.code).toBe(0);
    expect(tested.out).toMatch(new RegExp(`^${name} \\(deepseek-chat\\): ok · HTTP 200 · \\d+ ms\\n {4}.*simulator`));

    const listed = await admin("channel-list", "--json");
    const channel = (JSON.parse(listed.out).channels as { name: string }[]).find((c) => c.name === name);
    expect(channel).toMatchObject({ name, enabled: true, apiKeyHint: KEY.slice(-4), health: { tries: 1, successRate: 1 } });
    expect(listed.out).not.toContain(KEY);

    fake.failWith("key");
    const refused = await admin("channel-test", "--name", name);
    fake.failWith(null);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/FAILED · HTTP 401 · \d+ ms\n {4}code invalid_request_error: Authentication Fails/);

    expect((await admin("channel-set", "--name", name, "--priority", "7")).out).toContain("priority 7");
    expect((await admin("channel-disable", "--name", name)).out).toContain(`${name} · deepseek · DISABLED`);
    expect((await admin("channel-enable", "--name", name)).out).toContain(`${name} · deepseek · enabled`);
    expect(await admin("channel-remove", "--name", name)).toMatchObject({ code: 0, out: `Removed channel ${name}.` });
    expect(await admin("channel-remove", "--name", name)).toMatchObject({ code: 1, err: `error: No channel is named "${name}".` });
  });

  it("refuses missing and malformed options with the exit status of each", async () => {
    expect((await admin("channel-add", "--name", "x", "--provider", "deepseek")).code).toBe(2);
    const provider = await admin("channel-add", "--name", "x", "--provider", "claude", "--base-url", "https://x.example", "--api-key", "k", "--models", "a");
    expect(provider).toMatchObject({ code: 1, err: 'error: provider must be one of deepseek, dashscope, zhipu, openai, not "claude".' });
    expect((await admin("channel-set", "--name", "x")).code).toBe(2);
    expect((await admin("channel-add", "--name", "x", "--provider", "openai", "--base-url", "https://x.example", "--api-key", "k", "--models", "a", "--weight", "0")).code).toBe(1);
  });
});
