// The production build "ours" and the route-handler mount serve: `npx next build` into
// .next when it is missing or older than the sources it is built from.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./processes";

export const DIST_DIR = ".next";
const SOURCES = ["app", "lib", "components", "public", "server.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
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

// Next writes BUILD_ID before a build can still fail, so the bench marks builds it saw succeed.
const BUILD_ID = path.join(ROOT, DIST_DIR, "BUILD_ID");
const MARKER = path.join(ROOT, DIST_DIR, "bench-build-ok");

/** Why the build must be redone, or null when .next is current. */
export function staleReason(): string | null {
  if (!existsSync(BUILD_ID)) return `${DIST_DIR}/BUILD_ID is missing`;
  if (!existsSync(MARKER) || readFileSync(MARKER, "utf8") !== readFileSync(BUILD_ID, "utf8")) return "no build the bench saw succeed";
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  return newest > statSync(MARKER).mtimeMs ? "sources changed since the last build" : null;
}

/** Build when forced or stale (with the bench's database, as a deploy builds with its own), else only bundle the server; returns the command run. */
export function ensureBuild(force: boolean, databaseUrl: string): string {
  const reason = force ? "--build given" : staleReason();
  if (!reason) return bundleServer();
  const command = `NEXT_DIST_DIR=${DIST_DIR} DATABASE_URL=<scratch database> npm run build`;
  console.log(`Building (${reason}): ${command}`);
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, DATABASE_URL: databaseUrl } });
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status})`);
  writeFileSync(MARKER, readFileSync(BUILD_ID, "utf8"));
  return command;
}

/** The production server's bundle (`npm run build:server`, a second): what `npm start` runs. Returns the command. */
export function bundleServer(): string {
  const command = "npm run build:server";
  const result = spawnSync("npm", ["run", "--silent", "build:server"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status})`);
  return command;
}
