import { afterAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { createAccount } from "../accounts/create";
import { disconnect, pool, prisma } from "../db";
import { lookupKey } from "./lookup";
import { createApiKey } from "./store";

afterAll(disconnect);

describe("lookupKey", () => {
  it("answers from an expired entry at once and refreshes it behind: an unannounced change shows on a later request", async () => {
    const user = await createAccount({ email: `lookup-${randomUUID()}@example.com` });
    const { key } = await createApiKey(user.id, "cached");
    expect((await lookupKey(key))?.userId).toBe(user.id);
    // Suspended straight in the database, without the announcement the app's own code sends.
    await prisma().user.update({ where: { id: user.id }, data: { suspendedAt: new Date() } });
    const later = Date.now() + 6_000; // past the cache's 5 s
    const clock = vi.spyOn(Date, "now").mockReturnValue(later);
    try {
      const query = vi.spyOn(pool(), "query");
      expect((await lookupKey(key))?.userId).toBe(user.id); // the known identity, without waiting for the query
      expect(query.mock.calls.filter(([q]) => (typeof q === "string" ? q : (q as { text: string }).text).includes('FROM "ApiKey"'))).toHaveLength(1);
      query.mockRestore();
      await vi.waitFor(async () => expect(await lookupKey(key)).toBeNull());
    } finally {
      clock.mockRestore();
    }
  });
});
