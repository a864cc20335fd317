// The embedded PostgreSQL when this process runs as root (as on many servers and containers).
// PostgreSQL refuses to run as root, so it runs as the "postgres" system user — who may not be
// able to enter the project's folder (/root/sib-ai, a `mktemp -d` folder): then neither the
// binaries in node_modules nor DATA_DIR are reachable to it. What it cannot reach is placed
// under /var/lib/sib-ai (the binaries copied once, the data in a folder only it may enter), and
// DATA_DIR/pg becomes a link to that data, so the install still finds it where it always was.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, cp, lstat, mkdir, readlink, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

const SHARED = "/var/lib/sib-ai";

type Ids = { uid: number; gid: number };
export type RootCluster = { ids: Ids; binDir: string; databaseDir: string };

function idOf(flag: "-u" | "-g"): number | null {
  const out = spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  return out.status === 0 ? Number(out.stdout.trim()) : null;
}

/** The postgres system user's ids, creating the user when it does not exist. */
function postgresIds(): Ids {
  if (idOf("-u") === null) {
    spawnSync("groupadd", ["--system", "postgres"]);
    const made = spawnSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"], { encoding: "utf8" });
    if (made.status !== 0) throw new Error(`Could not create the "postgres" system user to run the embedded PostgreSQL: ${made.stderr}`);
  }
  return { uid: idOf("-u")!, gid: idOf("-g")! };
}

/** Whether the postgres user can enter (or run) `target`: every folder above it must let it through. */
function reachable(ids: Ids, target: string): boolean {
  return spawnSync("test", ["-x", target], ids).status === 0;
}

const shortHash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 12);

/** The binaries' folder (bin/, lib/, share/), copied under /var/lib/sib-ai when the postgres user cannot reach it. */
async function reachableBinaries(ids: Ids, binDir: string, log: (line: string) => void): Promise<string> {
  if (reachable(ids, path.join(binDir, "bin", "postgres"))) return binDir;
  const copy = path.join(SHARED, `pg-bin-${shortHash(binDir)}`);
  if (!existsSync(path.join(copy, "bin", "postgres"))) {
    log(`The postgres user cannot reach ${binDir}; copying the PostgreSQL binaries to ${copy} (first run only)…`);
    await mkdir(SHARED, { recursive: true, mode: 0o755 });
    await chmod(SHARED, 0o755);
    await rm(`${copy}.partial`, { recursive: true, force: true });
    await cp(binDir, `${copy}.partial`, { recursive: true });
    await rm(copy, { recursive: true, force: true });
    await cp(`${copy}.partial`, copy, { recursive: true });
    await rm(`${copy}.partial`, { recursive: true, force: true });
  }
  return copy;
}

/** The data folder the postgres user will use: `databaseDir` itself, or a folder under /var/lib/sib-ai that `databaseDir` links to. */
async function reachableData(ids: Ids, databaseDir: string, log: (line: string) => void): Promise<string> {
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const linked = await lstat(databaseDir).then((s) => s.isSymbolicLink(), () => false);
  if (linked) return readlink(databaseDir);
  if (reachable(ids, path.dirname(databaseDir))) {
    await mkdir(databaseDir, { recursive: true, mode: 0o700 });
    await chown(databaseDir, ids.uid, ids.gid);
    return databaseDir;
  }
  const real = path.join(SHARED, `data-${shortHash(databaseDir)}`);
  log(`The postgres user cannot enter ${path.dirname(databaseDir)}; keeping the embedded PostgreSQL's data in ${real} (linked from ${databaseDir}).`);
  await mkdir(SHARED, { recursive: true, mode: 0o755 });
  await mkdir(real, { recursive: true, mode: 0o700 });
  await chown(real, ids.uid, ids.gid);
  await symlink(real, databaseDir);
  return real;
}

/** Where the postgres user finds the binaries and the data for `databaseDir`. */
export async function prepareRootCluster(binDir: string, databaseDir: string, log: (line: string) => void): Promise<RootCluster> {
  const ids = postgresIds();
  return { ids, binDir: await reachableBinaries(ids, binDir, log), databaseDir: await reachableData(ids, databaseDir, log) };
}

function run(cluster: RootCluster, binary: string, args: string[]): ChildProcess {
  return spawn(path.join(cluster.binDir, "bin", binary), args, { ...cluster.ids, cwd: "/", stdio: ["ignore", "pipe", "pipe"] });
}

/** initdb as the postgres user, with `user` and `password` as the superuser. */
export async function initCluster(cluster: RootCluster, user: string, password: string): Promise<void> {
  const pwfile = path.join(SHARED, `pwfile-${randomBytes(6).toString("hex")}`);
  await mkdir(SHARED, { recursive: true, mode: 0o755 });
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  await chown(pwfile, cluster.ids.uid, cluster.ids.gid);
  try {
    const child = run(cluster, "initdb", [`--pgdata=${cluster.databaseDir}`, "--auth=password", `--username=${user}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--no-locale"]);
    let errors = "";
    child.stderr!.on("data", (c: Buffer) => (errors += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    if (code !== 0) throw new Error(`initdb failed (${code}): ${errors.trim()}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

/** Start PostgreSQL as the postgres user; resolves once it accepts connections, with a stop function. */
export async function startCluster(cluster: RootCluster, port: number): Promise<() => Promise<void>> {
  // TCP on 127.0.0.1 only: no Unix socket folder the postgres user would need to write to.
  const child = run(cluster, "postgres", ["-D", cluster.databaseDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="]);
  const stopOnExit = () => child.kill("SIGINT");
  process.once("exit", stopOnExit);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (c: Buffer) => {
      output = (output + c.toString()).slice(-4000);
      if (output.includes("database system is ready to accept connections")) resolve();
    });
    child.once("close", (code) => reject(new Error(`PostgreSQL exited (${code}) before accepting connections: ${output.trim()}`)));
  });
  return async () => {
    process.off("exit", stopOnExit);
    if (child.exitCode !== null) return;
    const closed = new Promise((resolve) => child.once("close", resolve));
    child.kill("SIGINT"); // "fast shutdown": open sessions end, data is flushed
    await closed;
  };
}
