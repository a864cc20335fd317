import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { disconnect, pool, prisma } from "../db";
import { createAccount } from "../accounts/create";
import { postEntry } from "./ledger";
import { ledgerHistory } from "./history";

afterAll(disconnect);

async function book(userId: string, kind: "TOPUP" | "USAGE" | "ADJUSTMENT", amount: bigint, description = kind.toLowerCase()) {
  const reference = `test:${randomUUID()}`;
  expect(await postEntry({ userId, kind, amount, reference, description })).toBe(true);
  return reference;
}

async function backdate(reference: string, days: number) {
  await pool().query(`UPDATE "LedgerEntry" SET "createdAt" = "createdAt" - make_interval(days => $2) WHERE reference = $1`, [reference, days]);
}

describe("ledger history", () => {
  it("shows one usage row per UTC day, counted at the day's end, with a running balance that adds up to the ledger", async () => {
    const user = await createAccount({ email: `history-${randomUUID()}@example.com`, credits: 5_000_000_000n });
    const grant = (await pool().query(`SELECT reference FROM "LedgerEntry" WHERE "userId" = $1`, [user.id])).rows[0].reference as string;
    const yesterday = [await book(user.id, "USAGE", -100n), await book(user.id, "USAGE", -200n)];
    for (const ref of [grant, ...yesterday]) await backdate(ref, 1);
    // Today, usage before and after a purchase and an adjustment: still one usage row.
    await book(user.id, "USAGE", -300n);
    await book(user.id, "USAGE", -400n);
    await book(user.id, "TOPUP", 25_000_000_000n, "Credits purchase ($25.00)");
    await book(user.id, "USAGE", -500n);
    await book(user.id, "ADJUSTMENT", -1_000n, "Correction");

    const { rows, total, pages } = await ledgerHistory(user.id, 1, 20);
    const today = new Date().toISOString().slice(0, 10);
    const yesterdayDay = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(total).toBe(5);
    expect(pages).toBe(1);
    expect(rows.map((r) => [r.kind, r.amount, r.entries])).toEqual([
      ["USAGE", -1_200n, 3],
      ["ADJUSTMENT", -1_000n, 1],
      ["TOPUP", 25_000_000_000n, 1],
      ["USAGE", -300n, 2],
      ["GRANT", 5_000_000_000n, 1],
    ]);
    expect(rows.map((r) => r.day)).toEqual([today, today, today, yesterdayDay, yesterdayDay]);
    expect(rows[0].description).toBe("API usage · 3 requests");
    expect(rows[3].description).toBe("API usage · 2 requests");
    expect(rows[2].description).toBe("Credits purchase ($25.00)");
    // Each row's balance is the previous row's plus its amount; a day's usage row (its last) is
    // the balance at the end of that day, and today's is the balance now.
    for (let i = 0; i < rows.length - 1; i++) expect(rows[i].balanceAfter).toBe(rows[i + 1].balanceAfter + rows[i].amount);
    expect(rows[4].balanceAfter).toBe(5_000_000_000n);
    expect(rows[3].balanceAfter).toBe(5_000_000_000n - 300n);
    const { balance } = await prisma().user.findUniqueOrThrow({ where: { id: user.id }, select: { balance: true } });
    expect(rows[0].balanceAfter).toBe(balance);
    expect(balance).toBe(5_000_000_000n + 25_000_000_000n - 2_500n);
  });

  it("pages newest first and knows the total past the last page", async () => {
    const user = await createAccount({ email: `history-${randomUUID()}@example.com`, credits: 1_000n });
    for (let i = 1; i <= 4; i++) await book(user.id, "TOPUP", BigInt(i));
    const first = await ledgerHistory(user.id, 1, 2);
    expect(first).toMatchObject({ page: 1, pages: 3, total: 5 });
    expect(first.rows.map((r) => r.amount)).toEqual([4n, 3n]);
    const last = await ledgerHistory(user.id, 3, 2);
    expect(last.rows.map((r) => r.kind)).toEqual(["GRANT"]);
    const beyond = await ledgerHistory(user.id, 9, 2);
    expect(beyond).toMatchObject({ rows: [], total: 5, pages: 3, page: 9 });
  });

  it("is empty for an account without entries", async () => {
    const user = await createAccount({ email: `history-${randomUUID()}@example.com`, credits: 0n });
    expect(await ledgerHistory(user.id)).toMatchObject({ rows: [], total: 0, pages: 1 });
  });
});
