// A key's spend limit in the ledger: holds count against it in the same statement as the
// balance, settlement moves them to the period's spend, and the period restarts at its boundary.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { disconnect, pool, prisma } from "../db";
import { createAccount } from "../accounts/create";
import { createApiKey, setKeyControls } from "../keys/store";
import { NO_CONTROLS } from "../keys/controls";
import type { SpendPeriod } from "../generated/prisma/enums";
import { findDrift, placeHold, releaseHold, settle, sweepExpiredHolds, type Settlement } from "./ledger";

afterAll(disconnect);

async function limitedKey(limit: bigint, period: SpendPeriod, credits = 1_000_000n) {
  const user = await createAccount({ email: `key-spend-${randomUUID()}@example.com`, credits });
  const key = await createApiKey(user.id, "limited", { ...NO_CONTROLS, spendLimit: limit, spendPeriod: period });
  return { userId: user.id, keyId: key.id };
}

function settlement(requestId: string, userId: string, apiKeyId: string, cost: bigint): Settlement {
  return {
    requestId, userId, apiKeyId, cost, model: "deepseek-chat", provider: "deepseek", promptTokens: 10, completionTokens: 20,
    cachedTokens: 0, estimated: false, stream: false, status: "ok", latencyMs: 5, ttftMs: null,
  };
}

const keyRow = (id: string) => prisma().apiKey.findUniqueOrThrow({ where: { id } });

describe("key spend limits in the ledger", () => {
  it("never lets 20 concurrent holds pass the key's limit, and refuses the rest as key_limit, not balance", async () => {
    const { userId, keyId } = await limitedKey(1_000n, "DAY");
    const ids = Array.from({ length: 20 }, () => randomUUID());
    const outcomes = await Promise.all(ids.map((id) => placeHold(userId, id, 300n, 60_000, keyId)));
    expect(outcomes.filter((o) => o === "placed")).toHaveLength(3);
    expect(outcomes.filter((o) => o === "key_limit")).toHaveLength(17);
    expect((await keyRow(keyId)).held).toBe(900n);
    const won = ids.filter((_, i) => outcomes[i] === "placed");
    await Promise.all(won.map((id) => settle(settlement(id, userId, keyId, 250n))));
    const key = await keyRow(keyId);
    expect({ held: key.held, spent: key.spent }).toEqual({ held: 0n, spent: 750n });
    expect(await placeHold(userId, randomUUID(), 251n, 60_000, keyId)).toBe("key_limit");
    expect(await placeHold(userId, randomUUID(), 250n, 60_000, keyId)).toBe("placed");
    expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
  });

  it("finds a key whose held amount disagrees with its open holds (the ledger check's drift)", async () => {
    const { userId, keyId } = await limitedKey(1_000n, "DAY");
    const requestId = randomUUID();
    expect(await placeHold(userId, requestId, 300n, 60_000, keyId)).toBe("placed");
    expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
    await pool().query(`UPDATE "ApiKey" SET held = held + 7 WHERE id = $1`, [keyId]);
    const drift = (await findDrift()).filter((d) => d.userId === userId);
    expect(drift.map((d) => d.keys)).toEqual([[{ keyId, held: 307n, holdSum: 300n }]]);
    expect([drift[0].balance === drift[0].ledgerSum, drift[0].held === drift[0].holdSum]).toEqual([true, true]); // only the key drifts
    await pool().query(`UPDATE "ApiKey" SET held = held - 7 WHERE id = $1`, [keyId]);
    await releaseHold(requestId);
    expect((await findDrift()).filter((d) => d.userId === userId)).toEqual([]);
  });

  it("answers balance when the account, not the key, is short", async () => {
    const { userId, keyId } = await limitedKey(1_000_000n, "TOTAL", 100n);
    expect(await placeHold(userId, randomUUID(), 101n, 60_000, keyId)).toBe("balance");
    expect((await keyRow(keyId)).held).toBe(0n);
  });

  it("gives a released or swept hold back to the key", async () => {
    const { userId, keyId } = await limitedKey(1_000n, "MONTH");
    const released = randomUUID();
    expect(await placeHold(userId, released, 600n, 60_000, keyId)).toBe("placed");
    await releaseHold(released);
    expect((await keyRow(keyId)).held).toBe(0n);
    expect(await placeHold(userId, randomUUID(), 700n, 1, keyId)).toBe("placed");
    await new Promise((r) => setTimeout(r, 20));
    await sweepExpiredHolds();
    expect((await keyRow(keyId)).held).toBe(0n);
    expect((await keyRow(keyId)).spent).toBe(0n);
  });

  it.each(["DAY", "MONTH"] as const)("starts a new %s with nothing spent: the counter of an earlier period does not count", async (period) => {
    const { userId, keyId } = await limitedKey(1_000n, period);
    const first = randomUUID();
    expect(await placeHold(userId, first, 1_000n, 60_000, keyId)).toBe("placed");
    await settle(settlement(first, userId, keyId, 1_000n));
    expect(await placeHold(userId, randomUUID(), 1n, 60_000, keyId)).toBe("key_limit");
    // The counter's period started before this one (what the boundary's passing looks like).
    const unit = period === "DAY" ? "day" : "month";
    await pool().query(`UPDATE "ApiKey" SET "spentSince" = date_trunc('${unit}', now() AT TIME ZONE 'UTC') - interval '1 ${unit}' WHERE id = $1`, [keyId]);
    const next = randomUUID();
    expect(await placeHold(userId, next, 1_000n, 60_000, keyId)).toBe("placed");
    await settle(settlement(next, userId, keyId, 400n));
    const key = await keyRow(keyId);
    expect(key.spent).toBe(400n);
    const { rows } = await pool().query<{ start: Date }>(`SELECT date_trunc('${unit}', now() AT TIME ZONE 'UTC') AS start`);
    expect(key.spentSince.getTime()).toBe(rows[0].start.getTime());
  });

  it("never restarts a TOTAL limit", async () => {
    const { userId, keyId } = await limitedKey(500n, "TOTAL");
    const id = randomUUID();
    expect(await placeHold(userId, id, 500n, 60_000, keyId)).toBe("placed");
    await settle(settlement(id, userId, keyId, 500n));
    await pool().query(`UPDATE "ApiKey" SET "spentSince" = timestamp '1970-01-01' WHERE id = $1`, [keyId]);
    expect(await placeHold(userId, randomUUID(), 1n, 60_000, keyId)).toBe("key_limit");
  });

  it("recounts the new period from the key's daily usage when its limit is set or changed", async () => {
    const user = await createAccount({ email: `key-spend-${randomUUID()}@example.com`, credits: 1_000_000n });
    const { id: keyId } = await createApiKey(user.id, "unlimited");
    const today = randomUUID();
    expect(await placeHold(user.id, today, 300n, 60_000)).toBe("placed");
    await settle(settlement(today, user.id, keyId, 300n));
    // Spend on an earlier day of this month, or (on the 1st) of last month.
    await pool().query(
      `INSERT INTO "UsageDaily" ("userId", day, model, "apiKeyId", requests, "promptTokens", "completionTokens", cost)
       VALUES ($1, (now() AT TIME ZONE 'UTC')::date - 1, 'deepseek-chat', $2, 1, 1, 1, 50)`,
      [user.id, keyId],
    );
    const firstOfMonth = new Date().getUTCDate() === 1;
    const expected = { DAY: 300n, MONTH: firstOfMonth ? 300n : 350n, TOTAL: 350n } as const;
    for (const period of ["DAY", "MONTH", "TOTAL"] as const) {
      expect(await setKeyControls(user.id, keyId, { ...NO_CONTROLS, spendLimit: 1_000n, spendPeriod: period })).toBe(true);
      expect((await keyRow(keyId)).spent, period).toBe(expected[period]);
    }
    expect(await placeHold(user.id, randomUUID(), 651n, 60_000, keyId)).toBe("key_limit");
    expect(await placeHold(user.id, randomUUID(), 650n, 60_000, keyId)).toBe("placed");
  });
});
