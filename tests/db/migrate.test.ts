import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPglite } from "../../server/db/pglite.js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, migrationStatus, pendingMigrations, type MigrationTarget } from "../../server/db/migrate.js";
import { migrationNames } from "../../server/db/schemaEngine.js";
import { freshPostgresDatabase } from "../helpers/databases.js";
import { postgresAvailable } from "../helpers/postgres.js";

/** The project's migration folders, in order. */
const ALL = migrationNames();

/**
 * A migrations folder the engine must run as the native one does: one script per migration,
 * semicolons inside strings and function bodies, a failing migration reported (not lost).
 */
function trickyMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-mig-"));
  const write = (name: string, sql: string) => {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  };
  fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
  write(
    "20200101000000_semicolons",
    `CREATE TABLE "Note" (body text NOT NULL);
INSERT INTO "Note" VALUES ('a; b'); -- a comment; with a semicolon
CREATE FUNCTION note_count() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN (SELECT count(*) FROM "Note");
END;
$$;
`,
  );
  return dir;
}

function addFailingMigration(dir: string) {
  fs.mkdirSync(path.join(dir, "20200102000000_fails"));
  fs.writeFileSync(path.join(dir, "20200102000000_fails", "migration.sql"), `CREATE TABLE "Half" (id int);\nSELECT no_such_function();\n`);
}

async function query<T>(target: MigrationTarget, sql: string): Promise<T[]> {
  if (target.kind === "pglite") return (await target.db.query<T>(sql)).rows;
  const c = new pg.Client({ connectionString: target.connectionString });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

/** The same checks on each kind of database. */
function sharedChecks(fresh: () => Promise<MigrationTarget>) {
  it("applies every migration to a fresh database, then nothing the second time", async () => {
    const target = await fresh();
    expect(await pendingMigrations(target)).toEqual(ALL);
    const first = await applyMigrations(target);
    expect(first.applied).toEqual(ALL);
    const second = await applyMigrations(target);
    expect(second.applied).toEqual([]);
    expect(await migrationStatus(target)).toEqual({ upToDate: true, applied: ALL, pending: [], failed: [], changed: [] });
    const rows = await query<{ migration_name: string; checksum: string }>(target, `SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(ALL);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    await query(target, `SELECT id FROM "Incident" LIMIT 1`);
  });

  it("runs a migration as one script (semicolons in strings and $$ bodies) and reports a failing one", async () => {
    const target = await fresh();
    const dir = trickyMigrations();
    try {
      expect((await applyMigrations(target, { migrationsDir: dir })).applied).toEqual(["20200101000000_semicolons"]);
      expect(await query(target, `SELECT body, note_count()::int AS n FROM "Note"`)).toEqual([{ body: "a; b", n: 1 }]);
      addFailingMigration(dir);
      await expect(applyMigrations(target, { migrationsDir: dir })).rejects.toThrow(/no_such_function/);
      // Recorded as failed, like the native engine; the failed script left nothing behind.
      expect(await migrationStatus(target, { migrationsDir: dir })).toEqual({
        upToDate: false,
        applied: ["20200101000000_semicolons"],
        pending: ["20200102000000_fails"],
        failed: ["20200102000000_fails"],
        changed: [],
      });
      expect(await query(target, `SELECT to_regclass('"Half"') IS NULL AS gone`)).toEqual([{ gone: true }]);
      await expect(applyMigrations(target, { migrationsDir: dir })).rejects.toThrow(/failed migrations/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to migrate when an applied migration's file changed, naming it, and applies nothing", async () => {
    const target = await fresh();
    const dir = trickyMigrations();
    try {
      await applyMigrations(target, { migrationsDir: dir });
      const file = path.join(dir, "20200101000000_semicolons", "migration.sql");
      fs.appendFileSync(file, "-- edited after it was applied\n");
      fs.mkdirSync(path.join(dir, "20200103000000_next"));
      fs.writeFileSync(path.join(dir, "20200103000000_next", "migration.sql"), `CREATE TABLE "Next" (id int);\n`);
      const status = await migrationStatus(target, { migrationsDir: dir });
      expect(status).toMatchObject({ upToDate: false, changed: ["20200101000000_semicolons"], pending: ["20200103000000_next"] });
      await expect(applyMigrations(target, { migrationsDir: dir })).rejects.toThrow(
        /migration 20200101000000_semicolons changed after being applied/,
      );
      expect(await query(target, `SELECT to_regclass('"Next"') IS NULL AS absent`)).toEqual([{ absent: true }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

// Each check migrates a whole database in wasm: seconds on a quiet machine, minutes on a loaded one.
describe("applyMigrations on PGlite", { timeout: 180_000 }, () => {
  // One in-memory cluster, created before the checks (initdb in wasm costs seconds) and emptied before each of them:
  // what a check sees is a fresh database.
  let db: PGlite;
  let used = false;
  beforeAll(async () => {
    db = createPglite();
    await db.waitReady;
  });
  afterAll(async () => {
    await db?.close();
  });
  sharedChecks(async () => {
    if (used) await db.exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
    used = true;
    return { kind: "pglite", db };
  });

  it("applies to an on-disk database once, also when asked twice at the same time", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-pglite-"));
    try {
      const db = createPglite(dir);
      const [a, b] = await Promise.all([applyMigrations({ kind: "pglite", db }), applyMigrations({ kind: "pglite", db })]);
      expect([...a.applied, ...b.applied]).toEqual(ALL);
      await db.close();
      const again = createPglite(dir);
      expect(await pendingMigrations({ kind: "pglite", db: again })).toEqual([]);
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!postgresAvailable())("applyMigrations on PostgreSQL", { timeout: 180_000 }, () => {
  // Empty databases on the run's PostgreSQL server (tests/helpers/globalSetup.ts), dropped when the file ends.
  sharedChecks(async () => ({ kind: "pg", connectionString: await freshPostgresDatabase() }));

  it("two instances starting at once both succeed and each migration is applied once", async () => {
    const url = await freshPostgresDatabase();
    const target: MigrationTarget = { kind: "pg", connectionString: url };
    const results = await Promise.all([applyMigrations(target), applyMigrations(target), applyMigrations(target)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(ALL);
    const rows = await query<{ migration_name: string; finished: boolean }>(target, `SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations`);
    expect(rows.map((r) => r.migration_name).sort()).toEqual(ALL);
    expect(rows.every((r) => r.finished)).toBe(true);
    // No advisory lock (ours or the engine's) is left behind on this database (the server is shared with other files).
    expect(await query(target, `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)).toEqual([{ n: 0 }]);
  });
});
