import type { PGlite } from "@electric-sql/pglite";
import { MIGRATIONS_DIR, NO_FILTERS, migrationList, openSchemaEngine, type EngineTarget } from "./schemaEngine.js";

export type MigrationTarget = { kind: "pglite"; db: PGlite } | { kind: "pg"; connectionString: string };

/**
 * Applies prisma/migrations with Prisma's own engine (wasm), exactly as `prisma migrate deploy`
 * would: same `_prisma_migrations` bookkeeping and checksums, and the engine's advisory lock,
 * so several instances starting at once on one PostgreSQL apply each migration once.
 */
export async function applyMigrations(target: MigrationTarget, opts: { migrationsDir?: string } = {}): Promise<{ applied: string[] }> {
  const { engine, close } = await openSchemaEngine(target as EngineTarget);
  try {
    const out = await engine.applyMigrations({ migrationsList: migrationList(opts.migrationsDir ?? MIGRATIONS_DIR), filters: NO_FILTERS });
    return { applied: out.appliedMigrationNames };
  } finally {
    await close();
  }
}
