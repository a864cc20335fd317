// The heap's growth cap, seen from outside: a process keeping ~30 MB alive while it churns through
// objects that live long enough to reach the old generation, as a server under load does.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const CHURN = `
  import { capHeapGrowth } from "./lib/server/heap-growth.ts";
  capHeapGrowth();
  const live = Array.from({ length: 30 }, () => Array.from({ length: 20_000 }, (_, i) => ({ i, s: "v" + i })));
  let recent = [];
  let highest = 0;
  for (let i = 0; i < 80_000; i++) {
    recent.push(Array.from({ length: 100 }, (_, j) => ({ j, text: "x" + j })));
    if (recent.length > 4_000) recent = recent.slice(2_000);
    if (i % 100 === 0) highest = Math.max(highest, process.memoryUsage().heapTotal);
  }
  console.log(JSON.stringify({ highest, live: live.length }));
`;

/** The highest heapTotal (MB) of the churning process, started with `nodeArgs`. */
function highestHeap(nodeArgs: string[]): number {
  const out = execFileSync(process.execPath, [...nodeArgs, "--import", "tsx", "--input-type=module", "-e", CHURN], { encoding: "utf8" });
  return JSON.parse(out).highest / 1e6;
}

describe("capHeapGrowth", () => {
  it("keeps the heap well below V8's default growth, and leaves a growth set on the command line alone", () => {
    const capped = highestHeap([]);
    const uncapped = highestHeap(["--heap-growing-percent=0"]); // 0: V8's own heuristics (up to 4×)
    expect(capped).toBeLessThan(uncapped * 0.8);
  }, 60_000);
});
