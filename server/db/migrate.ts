import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { MIGRATIONS_DIR, NO_FILTERS, migrationList, migrationNames, openSchemaEngine } from "./schemaEngine.js";
import { ChangedMigrationError, changedMigrations } from "./checksums.js";

export type MigrationTarget = { kind: "pglite"; db: PGlite } | { kind: "pg"; connectionString: string };

export interface MigrationStatus {
  /** Every migration folder has a finished, not rolled-back row in _prisma_migrations. */
  upToDate: boolean;
  /** Folder names applied to the database, in order. */
  applied: string[];
  /** Folder names not (successfully) applied yet, in order. */
  pending: string[];
  /** Migrations that started and failed (the engine refuses to go on until they are resolved). */
  failed: string[];
  /** Applied migrations whose migration.sql changed since (start-up refuses to migrate). */
  changed: string[];
}

/** Our own lock key, held on a separate connection for the whole run (see below). */
const MIGRATION_LOCK = 7_265_421_911;
/** Runs on one PGlite instance, one after the other (PGlite has a single session). */
const pgliteRuns = new WeakMap<PGlite, Promise<unknown>>();

/**
 * Applies prisma/migrations with Prisma's own engine (wasm), exactly as `prisma migrate deploy`
 * would, with the same `_prisma_migrations` bookkeeping (so the CLI and this agree).
 *
 * Concurrency: the engine itself takes `pg_advisory_lock(72707369)` like the native engine, but
 * gives up after 10 s. Instances that start together would then fail while the first one is still
 * migrating, so on PostgreSQL we first wait (without a time limit) for a session advisory lock of
 * our own, on a separate connection; each migration is applied once and the others find nothing
 * to do. A `prisma migrate deploy` running at the same time is still kept out by the engine's lock.
 */
export async function applyMigrations(target: MigrationTarget, opts: { migrationsDir?: string } = {}): Promise<{ applied: string[] }> {
  const dir = opts.migrationsDir ?? MIGRATIONS_DIR;
  if (target.kind === "pglite") {
    const before = pgliteRuns.get(target.db) ?? Promise.resolve();
    const run = before.catch(() => {}).then(() => runEngine(target, dir));
    pgliteRuns.set(target.db, run);
    return run;
  }
  const lock = new pg.Client({ connectionString: target.connectionString });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    return await runEngine(target, dir);
  } finally {
    // Ending the session releases the lock even if the unlock fails.
    await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await lock.end().catch(() => {});
  }
}

async function runEngine(target: MigrationTarget, dir: string): Promise<{ applied: string[] }> {
  // The engine itself does not compare checksums on deploy; Prisma's `migrate dev` refuses a changed migration, and so do we.
  const { changed } = await migrationStatus(target, { migrationsDir: dir });
  if (changed.length) throw new ChangedMigrationError(changed);
  const { engine, close } = await openSchemaEngine(target);
  try {
    const out = await engine.applyMigrations({ migrationsList: migrationList(dir), filters: NO_FILTERS });
    return { applied: out.appliedMigrationNames };
  } finally {
    await close();
  }
}

/**
 * Which migration folders are applied, pending or failed, read from `_prisma_migrations` the way
 * `prisma migrate status` counts them (a row counts when finished and not rolled back). Cheap
 * (one query, no engine), for readiness checks. A database without the table has all pending.
 */
export async function migrationStatus(target: MigrationTarget, opts: { migrationsDir?: string } = {}): Promise<MigrationStatus> {
  const dir = opts.migrationsDir ?? MIGRATIONS_DIR;
  const local = migrationNames(dir);
  const rows = await readMigrationRows(target);
  const finished = rows.filter((r) => r.finished && !r.rolled_back);
  const done = new Set(finished.map((r) => r.migration_name));
  const changed = changedMigrations(finished.map((r) => ({ name: r.migration_name, checksum: r.checksum })), dir);
  const failed = [...new Set(rows.filter((r) => !r.finished && !r.rolled_back).map((r) => r.migration_name))];
  const applied = local.filter((m) => done.has(m));
  const pending = local.filter((m) => !done.has(m));
  return { upToDate: pending.length === 0 && failed.length === 0 && changed.length === 0, applied, pending, failed, changed };
}

/** The migration folders not applied yet (empty when the database is up to date). */
export async function pendingMigrations(target: MigrationTarget, opts: { migrationsDir?: string } = {}): Promise<string[]> {
  return (await migrationStatus(target, opts)).pending;
}

type MigrationRow = { migration_name: string; checksum: string; finished: boolean; rolled_back: boolean };

/** `_prisma_migrations` in the order applied; empty when the table does not exist yet. */
async function readMigrationRows(target: MigrationTarget): Promise<MigrationRow[]> {
  const sql = `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
               FROM _prisma_migrations ORDER BY started_at`;
  const exists = `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`;
  if (target.kind === "pglite") {
    if (!(await target.db.query<{ present: boolean }>(exists)).rows[0].present) return [];
    return (await target.db.query<MigrationRow>(sql)).rows;
  }
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  try {
    if (!(await client.query<{ present: boolean }>(exists)).rows[0].present) return [];
    return (await client.query<MigrationRow>(sql)).rows;
  } finally {
    await client.end();
  }
}
