// Resident memory of a process, read from /proc/<pid>/status (VmRSS), in megabytes.
import { readFileSync } from "node:fs";

/** The process's resident set size now, MB. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}

/** Sample RSS every `intervalMs` until stopped; stop() returns the highest value seen. */
export function sampleRss(pid: number, intervalMs = 250): { stop: () => number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}
