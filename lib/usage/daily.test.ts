import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { disconnect } from "../db";
import { createAccount } from "../accounts/create";
import { placeHold, settle } from "../billing/ledger";
import { createApiKey } from "../keys/store";
import { dailySeries } from "./daily";
import { requestLog } from "./requests";
import { accountSummary } from "./summary";
import { rangeStart } from "./range";

afterAll(disconnect);

async function call(userId: string, apiKeyId: string, model: string, promptTokens: number, completionTokens: number, cost: bigint) {
  const requestId = randomUUID();
  expect(await placeHold(userId, requestId, cost, 60_000)).toBe("placed");
  await settle({
    requestId, userId, apiKeyId, model, provider: "simulator", promptTokens, completionTokens, cachedTokens: 0, cost,
    estimated: false, stream: false, status: "ok", latencyMs: 12, ttftMs: null,
  });
}

describe("usage queries", () => {
  it("split settled calls per day by model and by key, with exact totals", async () => {
    const { id: userId } = await createAccount({ email: `usage-${randomUUID()}@example.com` });
    const a = await createApiKey(userId, "Alpha");
    const b = await createApiKey(userId, "Beta");
    await call(userId, a.id, "deepseek-chat", 10, 20, 7_200n);
    await call(userId, a.id, "qwen-turbo", 5, 5, 2_000n);
    await call(userId, b.id, "deepseek-chat", 100, 1, 18_360n);

    const byModel = await dailySeries(userId, 7, "model");
    expect(byModel.days).toHaveLength(7);
    expect(byModel.groups).toEqual([{ id: "deepseek-chat", label: "deepseek-chat" }, { id: "qwen-turbo", label: "qwen-turbo" }]);
    expect(byModel.tokens[6]).toEqual({ "deepseek-chat": 131, "qwen-turbo": 10 });
    expect(byModel.tokens[0]).toEqual({ "deepseek-chat": 0, "qwen-turbo": 0 });
    expect(byModel.totals).toEqual({ requests: 3, tokens: 141, cost: 27_560n });

    const byKey = await dailySeries(userId, 30, "key");
    expect(byKey.groups).toEqual([{ id: b.id, label: "Beta" }, { id: a.id, label: "Alpha" }]);
    expect(byKey.tokens[29]).toEqual({ [a.id]: 40, [b.id]: 101 });

    const onlyA = await dailySeries(userId, 30, "model", a.id);
    expect(onlyA.totals).toEqual({ requests: 2, tokens: 40, cost: 9_200n });

    const summary = await accountSummary(userId);
    expect(summary.month).toEqual({ spend: 27_560n, requests: 3, tokens: 141n });
    expect(summary.balance).toBe(5_000_000_000n - 27_560n);

    const page = await requestLog(userId, { since: rangeStart(30) });
    expect(page.next).toBeNull();
    expect(page.rows.map((r) => [r.keyName, r.model, r.cost])).toEqual([
      ["Beta", "deepseek-chat", 18_360n],
      ["Alpha", "qwen-turbo", 2_000n],
      ["Alpha", "deepseek-chat", 7_200n],
    ]);
  });
});
