import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { SYSTEM_ACTOR, appendAudit, inTransaction } from "../audit/service.js";
import { readAll, readArchive, writeArchive } from "./archive.js";
import { PGLITE_ENTRY, SQL_PART, dumpDatabase, postgresNotEmpty, restorePglite, restorePostgres } from "./database.js";
import { BackupError } from "./errors.js";
import { dataDirEntries, dataFiles, restorePath } from "./files.js";
import { backupDecrypter, backupEncrypter } from "./keys.js";

const MANIFEST = "vakt-backup.json";
const FILE_NAME = /^vakt-backup-\d{8}T\d{9}Z\.tar\.gz\.age$/;

const Manifest = z.object({
  format: z.literal("vakt-backup"),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  database: z.enum(["pglite", "postgres"]),
  files: z.number().int().min(0),
});
type Manifest = z.infer<typeof Manifest>;

export interface BackupDeps {
  config: Config;
  db: Database;
  logger: Logger;
}

/** Writes one encrypted backup into BACKUP_DIR, records it (audited), and deletes the oldest beyond BACKUP_KEEP. */
export async function createBackup({ config, db, logger }: BackupDeps): Promise<{ file: string; bytes: number; pruned: string[] }> {
  const startedAt = new Date();
  const name = `vakt-backup-${startedAt.toISOString().replace(/[-:.]/g, "")}.tar.gz.age`;
  const file = path.join(config.backupDir, name);
  try {
    fs.mkdirSync(config.backupDir, { recursive: true, mode: 0o700 });
    const files = dataFiles(config.dataDir, config.backupDir);
    const manifest: Manifest = { format: "vakt-backup", version: 1, createdAt: startedAt.toISOString(), database: db.kind === "pg" ? "postgres" : "pglite", files: files.length };
    const bytes = await writeArchive(file, await backupEncrypter(config), async (w) => {
      await w.add(MANIFEST, Buffer.from(JSON.stringify(manifest)));
      await dumpDatabase(db, w);
      for (const f of files) await w.addFile(`files/${f.rel}`, f.abs, f.size);
    });
    await recordRun(db, logger, { startedAt, ok: true, database: manifest.database, file: name, bytes });
    const pruned = pruneBackups(config.backupDir, config.BACKUP_KEEP);
    logger.info({ file, bytes, pruned }, "backup written");
    return { file, bytes, pruned };
  } catch (err) {
    const error = String((err as Error)?.message ?? err).slice(0, 2000);
    logger.error({ err, file }, "backup failed");
    await recordRun(db, logger, { startedAt, ok: false, database: db.kind === "pg" ? "postgres" : "pglite", error });
    throw err;
  }
}

async function recordRun(db: Database, logger: Logger, run: { startedAt: Date; ok: boolean; database: string; file?: string; bytes?: number; error?: string }) {
  try {
    await inTransaction(db.prisma, async (tx) => {
      const row = await tx.backupRun.create({ data: { ...run, bytes: run.bytes === undefined ? undefined : BigInt(run.bytes) } });
      await appendAudit(tx, SYSTEM_ACTOR, {
        action: run.ok ? "backup.created" : "backup.failed", targetType: "backup", targetId: row.id,
        after: { file: run.file ?? null, bytes: run.bytes ?? null, database: run.database, error: run.error ?? null },
      });
    });
  } catch (err) {
    logger.warn({ err }, "the backup run could not be recorded in the database");
  }
}

/** Deletes the oldest backups in `dir` beyond `keep` (only files named like ours); returns their names. */
export function pruneBackups(dir: string, keep: number): string[] {
  const names = fs.readdirSync(dir).filter((n) => FILE_NAME.test(n)).sort().reverse();
  const old = names.slice(keep);
  for (const n of old) fs.rmSync(path.join(dir, n));
  return old;
}

/** Opens the whole file once without writing anything: the key, every chunk's authentication and the layout. */
export async function verifyBackup(config: Config, file: string): Promise<Manifest> {
  let manifest: Manifest | undefined;
  let database = false;
  await readArchive(file, backupDecrypter(config), async (name, content) => {
    if (!manifest) {
      const parsed = name === MANIFEST ? Manifest.safeParse(JSON.parse((await readAll(content)).toString("utf8"))) : undefined;
      if (!parsed?.success) throw new BackupError("This file is not a Vakt backup (no manifest first).");
      manifest = parsed.data;
      return;
    }
    if (name === PGLITE_ENTRY || SQL_PART.test(name)) database = true;
    else if (name.startsWith("files/")) restorePath(config.dataDir === "memory://" ? "/nowhere" : config.dataDir, name.slice(6));
    else throw new BackupError(`Unexpected entry in the backup: ${name}`);
    content.resume();
    await new Promise((r) => content.once("end", r));
  });
  if (!manifest || !database) throw new BackupError("The backup is incomplete: it holds no database.");
  return manifest;
}

/** Refuses a backup of the other kind of database than the target's. */
function assertSameKind(config: Config, manifest: Manifest) {
  if (manifest.database === (config.DATABASE_URL ? "postgres" : "pglite")) return;
  throw new BackupError(manifest.database === "postgres"
    ? "This backup holds a PostgreSQL database: set DATABASE_URL to an empty database to restore it."
    : "This backup holds the embedded database: unset DATABASE_URL and point DATA_DIR at an empty directory to restore it.");
}

/** Refuses a target that holds anything: a restore never merges into or overwrites data. */
async function assertEmptyTarget(config: Config) {
  if (config.dataDir === "memory://") throw new BackupError("DATA_DIR=memory:// cannot take a restore: point DATA_DIR at an empty directory.");
  const present = dataDirEntries(config.dataDir, config.backupDir);
  if (present.length) throw new BackupError(`DATA_DIR (${config.dataDir}) is not empty (${present.slice(0, 5).join(", ")}): restore only into an empty data directory.`);
  if (config.DATABASE_URL) {
    const why = await postgresNotEmpty(config.DATABASE_URL);
    if (why) throw new BackupError(`The target database is not empty: ${why}. Restore only into a new, empty database (createdb).`);
  }
}

/**
 * Restores a backup into an EMPTY data directory (and, on PostgreSQL, an empty database). The file
 * is read twice: first to authenticate all of it, then to restore; should the second pass fail,
 * what it wrote is removed and the database transaction is never committed.
 */
export async function restoreBackup({ config, file }: { config: Config; file: string }): Promise<{ manifest: Manifest; files: number }> {
  await assertEmptyTarget(config);
  const manifest = await verifyBackup(config, file);
  assertSameKind(config, manifest);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const before = new Set(fs.readdirSync(config.dataDir));
  const psql = config.DATABASE_URL ? restorePostgres(config.DATABASE_URL) : null;
  let files = 0;
  try {
    await readArchive(file, backupDecrypter(config), async (name, content) => {
      if (name === MANIFEST) return void (await readAll(content));
      if (name === PGLITE_ENTRY) return restorePglite(config.dataDir, await readAll(content));
      if (SQL_PART.test(name)) return psql!.write(content);
      const target = restorePath(config.dataDir, name.slice("files/".length));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, content, { mode: 0o600 });
      files++;
    });
    await psql?.finish();
    return { manifest, files };
  } catch (err) {
    await psql?.abort();
    for (const n of fs.readdirSync(config.dataDir)) if (!before.has(n)) fs.rmSync(path.join(config.dataDir, n), { recursive: true, force: true });
    throw err;
  }
}
