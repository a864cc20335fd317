// The channel data layer against the real database: CRUD, validation, and keys that
// never rest in plain text.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { disconnect, pool } from "../db";
import { ChannelError, createChannel, disableChannel, enableChannel, getChannel, listChannels, parseModelList, removeChannel, updateChannel } from ".";
import { decryptApiKey } from "./cipher";

afterAll(() => disconnect());

const name = () => `store-${randomUUID().slice(0, 8)}`;
// Models no request asks for: the channels made here sit in the database every test process routes by.
const MODELS = "store-model-a=store-upstream-a, store-model-b";

describe("channel store", () => {
  it("creates, lists, edits, disables, enables and removes a channel", async () => {
    const n = name();
    const created = await createChannel({ name: n, provider: "deepseek", baseUrl: "https://api.example.com/v1/", apiKey: "sk-store-secret-123456", models: parseModelList(MODELS), weight: 3, priority: 2 });
    expect(created).toMatchObject({ name: n, provider: "deepseek", baseUrl: "https://api.example.com/v1", apiKeyHint: "3456", weight: 3, priority: 2, enabled: true, source: "database" });
    expect(created.models).toEqual([{ id: "store-model-a", upstream: "store-upstream-a" }, { id: "store-model-b" }]);
    expect(JSON.stringify(created)).not.toContain("sk-store-secret");
    expect((await listChannels()).find((c) => c.name === n)?.health).toMatchObject({ tries: 0, cooledUntil: null });

    await expect(createChannel({ name: n, provider: "deepseek", baseUrl: "https://x.example", apiKey: "k", models: [{ id: "store-model-b" }] })).rejects.toThrow(ChannelError);
    await expect(createChannel({ name: name(), provider: "deepseek", baseUrl: "ftp://x", apiKey: "k", models: [{ id: "a" }] })).rejects.toThrow(/base URL/);
    await expect(updateChannel(n, { weight: 0 })).rejects.toThrow(/weight/);

    const edited = await updateChannel(n, { weight: 1, apiKey: "sk-store-rotated-999999" });
    expect(edited).toMatchObject({ weight: 1, apiKeyHint: "9999" });
    expect(await disableChannel(n, "test")).toMatchObject({ enabled: false, disabledReason: "test" });
    expect(await enableChannel(n)).toMatchObject({ enabled: true, disabledReason: null });

    const { rows } = await pool().query<{ apiKeyCipher: string }>(`SELECT "apiKeyCipher" FROM "Channel" WHERE name = $1`, [n]);
    expect(rows[0].apiKeyCipher).toMatch(/^v1:/);
    expect(decryptApiKey(rows[0].apiKeyCipher)).toBe("sk-store-rotated-999999");

    await removeChannel(n);
    await expect(getChannel(n)).rejects.toThrow(ChannelError);
  });

  it("refuses malformed model lists and providers", () => {
    expect(() => parseModelList(" , ")).toThrow(ChannelError);
    expect(() => parseModelList("bad model")).toThrow(ChannelError);
  });
});
