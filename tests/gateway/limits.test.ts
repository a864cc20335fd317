// Plan limits through the pipeline: requests per minute and concurrency trip at the
// plan's numbers, with the spec's headers (tokens per minute: errors.test.ts).
import { describe, expect, it } from "vitest";
import { prisma } from "../../lib/db";
import { accountChanged } from "../../lib/keys/store";
import { eventually, freshWindow, hello, announced, limitHeaders, newAccount, postChat, MOUNT_NAMES, useMounts } from "./harness";

const mounts = useMounts();

describe.each(MOUNT_NAMES)("%s", (name) => {
  const mount = () => mounts.named(name);

  it("allows the Free plan's 10 requests a minute, counting down, then answers 429 with Retry-After", async () => {
    await freshWindow();
    const { key } = await newAccount();
    const auth = { authorization: `Bearer ${key}` };
    const seen = [];
    for (let i = 0; i < 10; i++) {
      const res = i % 2 ? await fetch(`${mount().baseUrl}/v1/models`, { headers: auth }) : await postChat(mount(), key, { model: "qwen-turbo", messages: hello });
      expect(res.status).toBe(200);
      await res.text();
      seen.push(limitHeaders(res));
    }
    expect(seen.map((h) => h.limit)).toEqual(Array(10).fill("10"));
    expect(seen.map((h) => Number(h.remaining))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const reset = Number(seen[0].reset);
    expect(reset % 60).toBe(0);
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000)); // whole seconds: the window's end, not yet past
    expect(seen.every((h) => Number(h.reset) === reset && h.retryAfter === null)).toBe(true);

    const refused = await postChat(mount(), key, { model: "qwen-turbo", messages: hello });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("too_many_requests");
    const h = limitHeaders(refused);
    expect(h).toMatchObject({ limit: "10", remaining: "0", reset: String(reset) });
    expect(Number(h.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(h.retryAfter)).toBeLessThanOrEqual(60);
  });

  it("allows one request at a time on Free: a second concurrent request gets 429 until the first ends", async () => {
    await freshWindow();
    const { key } = await newAccount();
    const slow = await postChat(mount(), key, { model: "deepseek-chat", messages: [{ role: "user", content: "[[sim:tokens=30]] [[sim:delay=30]]" }], stream: true });
    expect(slow.status).toBe(200);
    const second = await postChat(mount(), key, { model: "deepseek-chat", messages: hello });
    expect(second.status).toBe(429);
    const body = await second.json();
    expect(body.error.code).toBe("too_many_requests");
    expect(body.error.message).toMatch(/concurrent/i);
    expect(limitHeaders(second).retryAfter).toBe("1");
    expect(await slow.text()).toMatch(/\[DONE\]/);
    await mount().drain();
    await eventually(async () => (await postChat(mount(), key, { model: "deepseek-chat", messages: hello })).status === 200, 3_000);
  });

  it("shows Pro's limits once an account is upgraded, on the next request", async () => {
    const { key, userId } = await newAccount();
    expect(limitHeaders(await postChat(mount(), key, { model: "qwen-turbo", messages: hello })).limit).toBe("10");
    await prisma().user.update({ where: { id: userId }, data: { plan: "PRO" } });
    await accountChanged(userId);
    await announced(); // a server in another process hears of it over the Redis bus, a moment later
    expect(limitHeaders(await postChat(mount(), key, { model: "qwen-turbo", messages: hello })).limit).toBe("100");
  });
});
