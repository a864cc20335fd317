// One benchmark at a time in this checkout: runs share bench/.tmp and .next, and two loads
// on one small machine would measure each other. The lock file holds the owner's pid.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { TMP } from "./processes";

const LOCK = path.join(TMP, "bench.lock");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tryLock(): number | null {
  try {
    const fd = openSync(LOCK, "wx");
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const owner = Number(readFileSync(LOCK, "utf8"));
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) return owner;
    rmSync(LOCK, { force: true }); // left by a run that died
    return tryLock();
  }
}

/** Wait until no other benchmark runs here, then hold the lock; returns its release. */
export async function benchLock(progress: (line: string) => void): Promise<() => void> {
  mkdirSync(TMP, { recursive: true });
  let told = false;
  for (let owner = tryLock(); owner !== null; owner = tryLock()) {
    if (!told) progress(`Another benchmark (pid ${owner}) is running in this checkout; waiting for it to finish…`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const release = () => rmSync(LOCK, { force: true });
  process.once("exit", release);
  return release;
}
