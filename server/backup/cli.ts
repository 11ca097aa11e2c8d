/**
 * Backups from the command line (docs/backup.md):
 *   npm run backup                      write an encrypted backup into BACKUP_DIR (keeps BACKUP_KEEP)
 *   npm run backup -- keygen            print a new age identity (for BACKUP_KEY / BACKUP_KEY_FILE) and its recipient
 *   npm run backup -- verify <file>     open and authenticate a whole backup without restoring it
 *   npm run restore <file>              restore into an EMPTY DATA_DIR (and, with DATABASE_URL, an empty database)
 * On the embedded database stop the app first (PGlite is single-process); a running app takes
 * its own scheduled backups (BACKUP_CRON / BACKUP_INTERVAL_HOURS).
 */
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { createLogger } from "../logger.js";
import { BackupError } from "./errors.js";
import { newBackupKey } from "./keys.js";
import { createBackup, restoreBackup, verifyBackup } from "./service.js";

async function main(cmd: string, arg: string | undefined) {
  if (cmd === "keygen") {
    const { identity, recipient } = await newBackupKey();
    process.stdout.write(`# created: ${new Date().toISOString()}\n# public key (BACKUP_RECIPIENTS): ${recipient}\n${identity}\n`);
    return;
  }
  const config = loadConfig();
  if (cmd === "backup") {
    const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
    try {
      const { file, bytes, pruned } = await createBackup({ config, db, logger: createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL) });
      console.log(`backup written: ${file} (${bytes} bytes)${pruned.length ? `; removed old: ${pruned.join(", ")}` : ""}`);
    } finally {
      await db.close();
    }
  } else if (cmd === "verify" || cmd === "restore") {
    if (!arg) throw new BackupError(`usage: npm run ${cmd === "restore" ? "restore" : "backup -- verify"} <file>`);
    if (cmd === "verify") {
      const m = await verifyBackup(config, arg);
      console.log(`backup is intact: ${m.database} database and ${m.files} files, taken ${m.createdAt}`);
    } else {
      const { manifest, files } = await restoreBackup({ config, file: arg });
      console.log(`restored the ${manifest.database} database and ${files} files from the backup taken ${manifest.createdAt}`);
    }
  } else throw new BackupError(`unknown command "${cmd}" (backup | keygen | verify <file> | restore <file>)`);
}

const args = process.argv.slice(2);
if (args[0] === "backup" && (args[1] === "keygen" || args[1] === "verify")) args.shift(); // npm run backup -- keygen
const [cmd = "backup", arg] = args;
try {
  await main(cmd, arg);
} catch (err) {
  if (!(err instanceof BackupError || err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\nNothing was changed.\n`);
  process.exit(2);
}
