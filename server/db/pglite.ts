import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/**
 * Every embedded database Vakt opens (the app's, the migration CLI's, the schema engine's shadow,
 * restores): the same extensions as on PostgreSQL, because migrations use them (pg_trgm for search,
 * docs/search.md). PGlite ships contrib extensions as separate bundles that must be loaded at creation.
 */
export function createPglite(dataDir?: string, options: Omit<PGliteOptions, "extensions"> = {}): PGlite {
  // One options object: PGlite ignores its second argument when the first (the folder) is undefined.
  return new PGlite({ ...options, ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
}
