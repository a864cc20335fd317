// The change bus over a Redis that takes connections and never answers (a hung server, a
// partition): announcing a change gives up within seconds — the key revocation or channel edit
// that announced it still completes (other instances catch up as their caches expire).
import { afterEach, describe, expect, it } from "vitest";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { reloadEnv } from "../env";
import { announceOnBus, closeKeyBus } from "./invalidation";

const original = process.env.REDIS_URL;
afterEach(async () => {
  await closeKeyBus();
  process.env.REDIS_URL = original;
  reloadEnv();
});

describe("the change bus", () => {
  it("gives up announcing to a Redis that never answers within seconds", async () => {
    const sockets: net.Socket[] = [];
    const stalled = net.createServer((socket) => sockets.push(socket.on("error", () => undefined)));
    await new Promise<void>((resolve) => stalled.listen(0, "127.0.0.1", resolve));
    process.env.REDIS_URL = `redis://127.0.0.1:${(stalled.address() as net.AddressInfo).port}`;
    reloadEnv();
    await closeKeyBus();
    try {
      const started = Date.now();
      const outcome = await Promise.race([announceOnBus("test", { at: 1 }, () => undefined), sleep(15_000).then(() => "still waiting after 15 s")]);
      expect(outcome).toBe(false);
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      stalled.close();
    }
  }, 20_000);
});
