import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * PostgreSQL server binaries (initdb, pg_ctl): $POSTGRES_BIN, else the newest Debian install under
 * /usr/lib/postgresql/<version>/bin, else initdb on the PATH. Null when there are none.
 */
export function findPostgresBin(): string | null {
  if (process.env.POSTGRES_BIN) return fs.existsSync(path.join(process.env.POSTGRES_BIN, "initdb")) ? process.env.POSTGRES_BIN : null;
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return path.join(root, versions[0], "bin");
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter))
    if (dir && fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) return dir;
  return null;
}

/**
 * Whether tests can start a throw-away PostgreSQL server. Without server binaries this fails
 * loudly on CI (process.env.CI set: the PostgreSQL half of the suite must not vanish silently)
 * and otherwise says why the PostgreSQL tests are skipped. Use with describe.skipIf(!postgresAvailable()).
 */
export function postgresAvailable(): boolean {
  if (findPostgresBin()) return true;
  const why = "PostgreSQL server binaries (initdb, pg_ctl) not found under $POSTGRES_BIN, /usr/lib/postgresql/*/bin or the PATH";
  if (process.env.CI) throw new Error(`${why}; on CI they are required (apt-get install postgresql; .ci/run does this)`);
  console.warn(`[tests] skipping the PostgreSQL tests: ${why}. Install them (apt-get install postgresql) to run them.`);
  return false;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/**
 * A throw-away PostgreSQL server: initdb in a new temp dir, pg_ctl start on a random port on
 * 127.0.0.1 with its unix socket in the same dir, trust auth, fsync off. When we are root it
 * runs as the `postgres` user (PostgreSQL refuses to run as root), which owns the temp dir.
 * url points at the `postgres` database; create more with CREATE DATABASE. stop() shuts the
 * server down and deletes the dir; it also happens when the process exits without stop().
 */
export async function startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found (apt-get install postgresql, or set POSTGRES_BIN)");
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? "postgres" : os.userInfo().username;
  if (asRoot) {
    try {
      execFileSync("id", ["-u", "postgres"], { stdio: "pipe" });
    } catch {
      throw new Error("running as root, and there is no `postgres` user to run the server as (apt-get install postgresql creates it)");
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-pg-"));
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], { stdio: "pipe" })
      : execFileSync(path.join(bin, cmd), args, { stdio: "pipe" });
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "log");
  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", stopSync);
    try {
      if (fs.existsSync(path.join(data, "postmaster.pid"))) run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run("initdb", ["-D", data, "-U", user, "--auth=trust", "-E", "UTF8", "--no-locale"]);
    const port = await freePort();
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run("pg_ctl", ["-D", data, "-l", logFile, "-w", "-t", "60", "-o", opts, "start"]);
    process.once("exit", stopSync);
    return { url: `postgresql://${user}@127.0.0.1:${port}/postgres`, stop: async () => stopSync() };
  } catch (err) {
    const e = err as Error & { stderr?: Buffer };
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-2000) : "";
    stopSync();
    throw new Error(`could not start PostgreSQL: ${e.message}\n${e.stderr?.toString() ?? ""}\n${log}`);
  }
}
