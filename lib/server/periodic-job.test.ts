import { describe, expect, it, vi } from "vitest";
import { log } from "../log";
import { startPeriodicJob } from "./periodic-job";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("startPeriodicJob", () => {
  it("never runs twice at once: a beat that finds a run still going (a hung database) is skipped", async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const stop = startPeriodicJob("slow", async () => {
      runs++;
      most = Math.max(most, ++running);
      await sleep(200);
      running--;
    }, 20);
    await sleep(700);
    await stop();
    expect(most).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(2); // the beats after a run ends start the next
    expect(runs).toBeLessThanOrEqual(4); // not one per beat (35)
  });

  it("runs at start when asked, logs a failed run and goes on, and stopping waits for the run in progress", async () => {
    const error = vi.spyOn(log, "error").mockImplementation(() => undefined);
    let finished = 0;
    let calls = 0;
    const stop = startPeriodicJob("flaky", async () => {
      if (++calls === 1) throw new Error("database unreachable");
      await sleep(100);
      finished++;
    }, 30, { atStart: true });
    expect(calls).toBe(1);
    await sleep(50);
    await stop();
    expect(error).toHaveBeenCalledWith("flaky: database unreachable");
    error.mockRestore();
    expect(calls).toBe(2);
    expect(finished).toBe(1);
  });
});
