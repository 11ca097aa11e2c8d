import { dataFiles } from "./files.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { BACKENDS, freshPostgresDatabase } from "../../tests/helpers/backends.js";
import { Client } from "../../tests/helpers/client.js";
import { enqueueTest } from "../../tests/helpers/outbox.js";
import { loadConfig, type Config } from "../config.js";
import { openDatabase, type Prisma } from "../db/client.js";
import { createLogger } from "../logger.js";
import { verifyChain } from "../audit/verify.js";
import { auditKeyring } from "../audit/keys.js";
import { checkpointStore } from "../audit/checkpoints.js";
import { BackupError } from "./errors.js";
import { newBackupKey } from "./keys.js";
import { createBackup, restoreBackup, verifyBackup } from "./service.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-backup-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const dir = (name: string) => path.join(tmp, name);
const logger = createLogger("silent");

/** Every table's rows as sorted JSON text: equal snapshots mean equal contents, row by row. */
async function snapshot(prisma: Prisma): Promise<Record<string, string[]>> {
  const tables = await prisma.$queryRaw<{ t: string }[]>`
    SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`;
  const out: Record<string, string[]> = {};
  for (const { t } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ r: string }[]>(`SELECT to_jsonb(x)::text AS r FROM "${t}" x ORDER BY 1`);
    out[t] = rows.map((row) => row.r);
  }
  return out;
}

/** What a restore target holds: the files under DATA_DIR and, on PostgreSQL, the number of tables. */
async function targetState(config: Config) {
  const files = fs.existsSync(config.dataDir) ? fs.readdirSync(config.dataDir, { recursive: true }).map(String).sort() : [];
  if (!config.DATABASE_URL) return { files };
  const c = new pg.Client({ connectionString: config.DATABASE_URL });
  await c.connect();
  const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
  await c.end();
  return { files, tables: rows[0].n };
}

function damaged(file: string, how: "flip" | "truncate"): string {
  const buf = fs.readFileSync(file);
  const out = `${file}.${how}`;
  if (how === "flip") {
    const copy = Buffer.from(buf);
    copy[Math.floor(copy.length / 2)] ^= 0x01;
    fs.writeFileSync(out, copy);
  } else fs.writeFileSync(out, buf.subarray(0, buf.length - 1000));
  return out;
}

describe.each(BACKENDS)("backup and restore on $name", (backend) => {
  it("backs up, is destroyed, refuses a wrong key and damaged files without changing anything, restores every row, and the audit chain verifies", async () => {
    const key = await newBackupKey();
    const env = { DATA_DIR: dir(`${backend.name}-data`), BACKUP_DIR: dir(`${backend.name}-backups`), BACKUP_KEY: key.identity };
    const app = await backend.start(env);
    const ctx = app.running.ctx;
    const admin = await Client.login(app.baseUrl, app.admin.email, app.admin.password);
    for (let i = 0; i < 3; i++) expect((await admin.post("/api/incidents", { title: `Backup probe ${i}`, description: "Synthetic incident" })).status).toBe(201);
    await enqueueTest(ctx, "backup-probe-mail");
    const evidence = path.join(ctx.config.dataDir, "evidence", "inc-1", "log excerpt.txt");
    fs.mkdirSync(path.dirname(evidence), { recursive: true });
    fs.writeFileSync(evidence, "synthetic evidence \u00e5\u00e4\u00f6 ".repeat(1000));

    const before = await snapshot(ctx.prisma);
    expect(before.Incident).toHaveLength(3);
    // Every stored file under DATA_DIR goes into the backup: the evidence and the signed audit checkpoints.
    const sourceFiles = dataFiles(ctx.config.dataDir, ctx.config.backupDir).map((f) => f.rel);
    expect(sourceFiles).toContain("evidence/inc-1/log excerpt.txt");
    const chainBefore = await verifyChain({ prisma: ctx.prisma, keyring: auditKeyring(), checkpoints: checkpointStore(ctx) });
    const { file } = await createBackup({ config: ctx.config, db: ctx.db, logger });
    expect(path.basename(file)).toMatch(/^vakt-backup-\d{8}T\d{9}Z\.tar\.gz\.age$/);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const raw = fs.readFileSync(file);
    expect(raw.subarray(0, 21).toString()).toBe("age-encryption.org/v1");
    expect(raw.includes(Buffer.from("Backup probe"))).toBe(false); // nothing in the clear
    expect((await ctx.prisma.backupRun.findFirstOrThrow({ where: { ok: true } })).file).toBe(path.basename(file));
    await app.stop();

    // destroyed: the data directory is gone and so is the PostgreSQL database
    fs.rmSync(ctx.config.dataDir, { recursive: true, force: true });
    const oldUrl = ctx.config.DATABASE_URL;
    if (oldUrl) {
      const c = new pg.Client({ connectionString: oldUrl.replace(/\/[^/]+$/, "/postgres") });
      await c.connect();
      await c.query(`DROP DATABASE "${new URL(oldUrl).pathname.slice(1)}" WITH (FORCE)`);
      await c.end();
    }
    const targetEnv = { DATA_DIR: dir(`${backend.name}-restored`), BACKUP_DIR: env.BACKUP_DIR, BACKUP_KEY: key.identity,
      ...(oldUrl ? { DATABASE_URL: await freshPostgresDatabase() } : {}) };
    const target = loadConfig(targetEnv);
    const empty = await targetState(target);

    const wrongKey = loadConfig({ ...targetEnv, BACKUP_KEY: (await newBackupKey()).identity });
    await expect(restoreBackup({ config: wrongKey, file })).rejects.toThrow(/backup key does not open this backup/);
    for (const how of ["flip", "truncate"] as const) {
      const bad = damaged(file, how);
      const err = await restoreBackup({ config: target, file: bad }).catch((e) => e);
      expect(err).toBeInstanceOf(BackupError);
      expect(err.message).toMatch(/damaged or was altered/);
    }
    expect(await targetState(target)).toEqual(empty);

    const { files } = await restoreBackup({ config: target, file });
    expect(files).toBe(sourceFiles.length);
    expect(fs.readFileSync(path.join(target.dataDir, "evidence", "inc-1", "log excerpt.txt"), "utf8")).toBe(fs.readFileSync(evidence.replace(ctx.config.dataDir, target.dataDir), "utf8"));
    const restored = await openDatabase({ databaseUrl: target.DATABASE_URL, dataDir: target.dataDir });
    try {
      expect(await snapshot(restored.prisma)).toEqual(before);
      // The signed checkpoints are files under DATA_DIR: they come back with the database.
      const checkpoints = checkpointStore({ config: target, db: restored });
      expect(await verifyChain({ prisma: restored.prisma, keyring: auditKeyring(), checkpoints })).toEqual({ ...chainBefore, valid: true });
    } finally {
      await restored.close();
    }
    // a second restore finds the target in use and refuses
    await expect(restoreBackup({ config: target, file })).rejects.toThrow(/not empty/);
  }, 240_000);
});

describe("backup keys", () => {
  it("opens old backups after a key rotation, and writes for public recipients only a key holder can open", async () => {
    const oldKey = await newBackupKey();
    const newKey = await newBackupKey();
    const db = await openDatabase({ dataDir: "memory://" });
    try {
      const base = { DATA_DIR: "memory://", BACKUP_DIR: dir("rotation") };
      const { file: old } = await createBackup({ config: loadConfig({ ...base, BACKUP_KEY: oldKey.identity }), db, logger });
      const keyFile = dir("keys.txt");
      fs.writeFileSync(keyFile, `# current\n${newKey.identity}\n# retired, kept for old backups\n${oldKey.identity}\n`);
      const rotated = loadConfig({ ...base, BACKUP_KEY_FILE: keyFile });
      expect((await verifyBackup(rotated, old)).database).toBe("pglite");
      const { file: fresh } = await createBackup({ config: rotated, db, logger });
      await expect(verifyBackup(loadConfig({ ...base, BACKUP_KEY: oldKey.identity }), fresh)).rejects.toThrow(/does not open/);
      expect((await verifyBackup(loadConfig({ ...base, BACKUP_KEY: newKey.identity }), fresh)).database).toBe("pglite");

      const { file: forRecipient } = await createBackup({ config: loadConfig({ ...base, BACKUP_RECIPIENTS: newKey.recipient }), db, logger });
      expect((await verifyBackup(loadConfig({ ...base, BACKUP_KEY: newKey.identity }), forRecipient)).database).toBe("pglite");
    } finally {
      await db.close();
    }
  }, 120_000);
});
