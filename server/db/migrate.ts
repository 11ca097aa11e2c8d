import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { MIGRATIONS_DIR, NO_FILTERS, migrationList, openSchemaEngine, type EngineTarget } from "./schemaEngine.js";

export type MigrationTarget = { kind: "pglite"; db: PGlite } | { kind: "pg"; connectionString: string };

/** Our own lock key, held on a separate connection for the whole run (see below). */
const MIGRATION_LOCK = 7_265_421_911;

/**
 * Applies prisma/migrations with Prisma's own engine (wasm), exactly as `prisma migrate deploy`
 * would, with the same `_prisma_migrations` bookkeeping. On PostgreSQL a session advisory lock
 * makes instances that start together wait for each other instead of racing (the engine's own
 * lock gives up after 10 s), so each migration is applied once.
 */
export async function applyMigrations(target: MigrationTarget, opts: { migrationsDir?: string } = {}): Promise<{ applied: string[] }> {
  let lock: pg.Client | undefined;
  if (target.kind === "pg") {
    lock = new pg.Client({ connectionString: target.connectionString });
    await lock.connect();
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
  }
  try {
    const { engine, close } = await openSchemaEngine(target as EngineTarget);
    try {
      const out = await engine.applyMigrations({ migrationsList: migrationList(opts.migrationsDir ?? MIGRATIONS_DIR), filters: NO_FILTERS });
      return { applied: out.appliedMigrationNames };
    } finally {
      await close();
    }
  } finally {
    if (lock) {
      await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
      await lock.end();
    }
  }
}
