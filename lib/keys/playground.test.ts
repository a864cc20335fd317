import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { disconnect } from "../db";
import { createAccount } from "../accounts/create";
import { PLAN_LIMITS } from "../limits/plans";
import { listKeys } from "./list";
import { playgroundIdentity } from "./playground";
import { createApiKey, KeyLimitError, revokeApiKey, rotateApiKey } from "./store";

afterAll(disconnect);

describe("the playground key", () => {
  it("is created once, bills as the user, and is neither listed, capped, rotated nor revoked", async () => {
    const { id: userId } = await createAccount({ email: `pg-${randomUUID()}@example.com` });
    const first = await playgroundIdentity(userId);
    const again = await playgroundIdentity(userId);
    expect(first).toMatchObject({ userId, plan: "FREE", limits: PLAN_LIMITS.FREE });
    expect(again?.keyId).toBe(first?.keyId);

    expect(await listKeys(userId)).toEqual([]);
    for (let i = 0; i < PLAN_LIMITS.FREE.maxKeys; i++) await createApiKey(userId, `key ${i}`);
    await expect(createApiKey(userId, "one too many")).rejects.toBeInstanceOf(KeyLimitError);
    expect(await listKeys(userId)).toHaveLength(PLAN_LIMITS.FREE.maxKeys);

    expect(await rotateApiKey(userId, first!.keyId)).toBeNull();
    expect(await revokeApiKey(userId, first!.keyId)).toBe(false);
  });
});
