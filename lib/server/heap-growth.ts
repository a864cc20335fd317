// How far V8 lets the old generation grow past what the last full collection kept before it
// collects again. By default up to 4× — a server whose live set is ~27 MB (the API-only process)
// then sits at ~200 MB RSS under load. 2× keeps it at ~160 MB at the same throughput (measured:
// bench/results/2026-11-27-hot-path-10-notes.md): the collections it adds are of a small live set.
import v8 from "node:v8";

const FLAG = "--heap-growing-percent";
/** The old generation grows to twice what a full collection kept. */
const GROWING_PERCENT = 100;

/** Cap the heap's growth factor for this process, unless its command line sets the flag itself. */
export function capHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => arg.replaceAll("_", "-").startsWith(FLAG))) return;
  v8.setFlagsFromString(`${FLAG}=${GROWING_PERCENT}`);
}
