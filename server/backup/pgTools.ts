import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BackupError } from "./errors.js";

/**
 * A PostgreSQL client program (pg_dump, psql): $POSTGRES_BIN, else the newest Debian install
 * under /usr/lib/postgresql/<version>/bin, else the PATH.
 */
export function pgProgram(name: "pg_dump" | "psql"): string {
  const dirs = [
    ...(process.env.POSTGRES_BIN ? [process.env.POSTGRES_BIN] : []),
    ...(fs.existsSync("/usr/lib/postgresql")
      ? fs.readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)).map((v) => path.join("/usr/lib/postgresql", v, "bin"))
      : []),
    ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean),
  ];
  const found = dirs.map((d) => path.join(d, name)).find((p) => fs.existsSync(p));
  if (!found) throw new BackupError(`${name} not found (install the PostgreSQL client, or set POSTGRES_BIN to its folder)`);
  return found;
}

/** Runs a client program on `databaseUrl`; the password goes in PGPASSWORD, never on the command line. */
export function spawnPg(name: "pg_dump" | "psql", databaseUrl: string, args: string[]): { child: ChildProcess; done: Promise<void> } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  const child = spawn(pgProgram(name), [...args, `--dbname=${url.toString()}`], {
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const done = new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => (code === 0 ? resolve() : reject(new BackupError(`${name} failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`))));
  });
  return { child, done };
}
