// CPU time of every process on the machine, from /proc/<pid>/stat, grouped by command
// name: where the cores went while a load ran (ours vs PostgreSQL vs Redis vs wrk ...).
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds per process so far (user + system, plus its exited and reaped children: PostgreSQL's
 * postmaster collects its backends', the bench runner wrk's), keyed by pid, with its command name.
 */
export function cpuSnapshot(): Map<number, { comm: string; seconds: number }> {
  const out = new Map<number, { comm: string; seconds: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      // Fields after the command: state is [0], utime [11], stime [12], cutime [13], cstime [14].
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      out.set(Number(entry), { comm, seconds: ticks / TICKS_PER_SECOND });
    } catch {
      // the process ended between readdir and read
    }
  }
  return out;
}

/** CPU seconds spent between two snapshots, per group; `name` maps a pid and command to its group. */
export function cpuBetween(
  before: Map<number, { comm: string; seconds: number }>, after: Map<number, { comm: string; seconds: number }>,
  name: (pid: number, comm: string) => string,
): Map<string, number> {
  const groups = new Map<string, number>();
  for (const [pid, now] of after) {
    const spent = now.seconds - (before.get(pid)?.seconds ?? 0);
    if (spent <= 0) continue;
    const group = name(pid, now.comm);
    groups.set(group, (groups.get(group) ?? 0) + spent);
  }
  return groups;
}
