// The production build "ours" and the route-handler mount serve: `npx next build` into
// .next when it is missing or older than the sources it is built from.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./processes";

export const DIST_DIR = ".next";
const SOURCES = ["app", "lib", "components", "public", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) {
    if (SKIP.has(child) || child.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Why the build must be redone, or null when .next is current. */
export function staleReason(): string | null {
  const buildId = path.join(ROOT, DIST_DIR, "BUILD_ID");
  if (!existsSync(buildId)) return `${DIST_DIR}/BUILD_ID is missing`;
  const built = statSync(buildId).mtimeMs;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  return newest > built ? "sources changed since the last build" : null;
}

/** Build when forced or stale; returns the command run, or null when the build was current. */
export function ensureBuild(force: boolean): string | null {
  const reason = force ? "--build given" : staleReason();
  if (!reason) return null;
  const command = `NEXT_DIST_DIR=${DIST_DIR} npx next build`;
  console.log(`Building (${reason}): ${command}`);
  const result = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: DIST_DIR } });
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status})`);
  return command;
}
