import fs from "node:fs";
import path from "node:path";
import { BackupError } from "./errors.js";

/** What under DATA_DIR is not the database: the embedded database and BACKUP_DIR (when inside) are left out. */
function skipped(dataDir: string, backupDir: string) {
  return new Set([path.join(dataDir, "pglite"), path.resolve(backupDir)]);
}

/** The regular files under DATA_DIR that are not the database (evidence and other stored files). */
export function dataFiles(dataDir: string, backupDir: string): { rel: string; abs: string; size: number }[] {
  if (dataDir === "memory://" || !fs.existsSync(dataDir)) return [];
  const skip = skipped(dataDir, backupDir);
  const out: { rel: string; abs: string; size: number }[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, d.name);
      if (skip.has(abs)) continue;
      if (d.isDirectory()) walk(abs);
      else if (d.isFile()) out.push({ rel: path.relative(dataDir, abs).split(path.sep).join("/"), abs, size: fs.statSync(abs).size });
    }
  };
  walk(dataDir);
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}

/** What DATA_DIR holds besides BACKUP_DIR (empty: a restore may write there). */
export function dataDirEntries(dataDir: string, backupDir: string): string[] {
  if (!fs.existsSync(dataDir)) return [];
  const skip = skipped(dataDir, backupDir);
  return fs.readdirSync(dataDir).filter((n) => !skip.has(path.join(dataDir, n)) || (n === "pglite" && fs.readdirSync(path.join(dataDir, n)).length > 0));
}

/** The path under DATA_DIR for an archived file name; refuses names that would escape it. */
export function restorePath(dataDir: string, rel: string): string {
  const target = path.resolve(dataDir, rel);
  if (path.isAbsolute(rel) || rel.split("/").includes("..") || !target.startsWith(path.resolve(dataDir) + path.sep) || target.startsWith(path.join(dataDir, "pglite") + path.sep))
    throw new BackupError(`The backup holds a file name that would land outside DATA_DIR or in the database: ${rel}`);
  return target;
}
