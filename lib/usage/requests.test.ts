import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { disconnect, prisma } from "../db";
import { createAccount } from "../accounts/create";
import { handle } from "../gateway/pipeline";
import type { GatewayRequest } from "../gateway/types";
import { createApiKey } from "../keys/store";
import { requestDetail } from "./request-detail";
import { requestLog } from "./requests";

afterAll(disconnect);

/** A /v1 request through the real pipeline; resolves once its after-response work is done. */
async function call(key: string, body: unknown): Promise<{ status: number; requestId: string }> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const req: GatewayRequest = {
    method: "POST",
    path: "/v1/chat/completions",
    header: (name) => headers[name],
    body: async () => bytes,
    signal: new AbortController().signal,
    clientIp: "127.0.0.1",
  };
  const pending: Promise<unknown>[] = [];
  const res = await handle(req, { waitUntil: (p) => pending.push(p) });
  if (typeof res.body !== "string") for await (const chunk of res.body) void chunk;
  await Promise.all(pending);
  return { status: res.status, requestId: res.headers["x-request-id"] };
}

describe("the request log", () => {
  it("keeps failed authenticated requests at cost 0 with their code, filters them and pages by keyset", async () => {
    const { id: userId } = await createAccount({ email: `log-${randomUUID()}@example.com`, plan: "PRO" });
    const key = await createApiKey(userId, "Log key");
    const bad = await call(key.key, { model: "deepseek-chat", messages: "not a list" });
    expect(bad.status).toBe(400);
    const unknown = await call(key.key, { model: "no-such-model", messages: [{ role: "user", content: "hi" }] });
    expect(unknown.status).toBe(422);

    const failed = await requestLog(userId, { outcome: "failed" });
    expect(failed.rows.map((r) => [r.requestId, r.errorCode, r.httpStatus, r.cost])).toEqual([
      [unknown.requestId, "invalid_model", 422, 0n],
      [bad.requestId, "invalid_request", 400, 0n],
    ]);
    expect((await requestLog(userId, { outcome: "ok" })).rows).toEqual([]);
    expect((await requestLog(userId, { requestId: bad.requestId })).rows.map((r) => r.requestId)).toEqual([bad.requestId]);

    const detail = await requestDetail(userId, bad.requestId);
    expect(detail).toMatchObject({ status: "error", errorCode: "invalid_request", httpStatus: 400, keyName: "Log key", cost: 0n });
    const stranger = await createAccount({ email: `other-${randomUUID()}@example.com` });
    expect(await requestDetail(stranger.id, bad.requestId)).toBeNull();

    // Rows that share one timestamp still page exactly once each.
    const at = new Date();
    await prisma().usageLog.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        requestId: `req_page_${randomUUID()}_${i}`, userId, apiKeyId: key.id, model: "deepseek-chat", provider: "simulator",
        promptTokens: 1, completionTokens: 1, cost: 10n, estimated: false, stream: false, status: "ok", latencyMs: 1, createdAt: at,
      })),
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await requestLog(userId, { model: "deepseek-chat" }, cursor, 3);
      seen.push(...page.rows.map((r) => r.requestId));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });
});
