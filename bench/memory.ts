// Resident memory of a process, read from /proc/<pid>/status (VmRSS), in megabytes.
import { readFileSync } from "node:fs";

/** The process's resident set size now, MB. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}

/** Sample RSS every `intervalMs`; take() returns the samples since the last take(), stop() ends sampling. */
export function sampleRss(pid: number, intervalMs = 200): { take: () => number[]; stop: () => void } {
  let samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMb(pid)), intervalMs);
  return {
    take: () => {
      const taken = [...samples, rssMb(pid)];
      samples = [];
      return taken;
    },
    stop: () => clearInterval(timer),
  };
}
