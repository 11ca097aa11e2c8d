import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPglite } from "../../server/db/pglite.js";
import { applyMigrations } from "../../server/db/migrate.js";
import { MIGRATIONS_DIR, migrationNames } from "../../server/db/schemaEngine.js";

/**
 * Migrating an empty database is most of what starting a test app costs (PGlite: initdb in wasm plus 27
 * migrations). The tests therefore migrate once and start each app on a copy: PGlite from a data-directory
 * tarball, PostgreSQL from a template database (tests/helpers/globalSetup.ts). The app still runs its own
 * migration step at start-up; on the copy it finds nothing pending, exactly as on a deployed, current database.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PGLITE_VERSION: string = (JSON.parse(
  fs.readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8"),
) as { version: string }).version;

/** Changes whenever a migration or the PGlite version changes, so a stale copy is never used. */
export function migrationsKey(): string {
  const hash = createHash("sha256").update(PGLITE_VERSION);
  for (const name of migrationNames(MIGRATIONS_DIR)) hash.update(name).update(fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql")));
  return hash.digest("hex").slice(0, 16);
}

const CACHE_DIR = path.join(ROOT, "node_modules/.cache/vakt-tests");

/** Builds (once per migration set, kept across runs in node_modules/.cache) a tarball of a migrated, empty PGlite cluster. */
async function buildPgliteSnapshot(file: string): Promise<void> {
  const db = createPglite();
  try {
    await applyMigrations({ kind: "pglite", db });
    const tar = await db.dumpDataDir("none");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written under a private name and renamed, so a worker building the same file at the same time never reads half of it.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await tar.arrayBuffer()));
    fs.renameSync(tmp, file);
  } finally {
    await db.close();
  }
}

/** The tarball's file, built if missing (tests/helpers/globalSetup.ts calls this once per run, outside any hook timeout). */
export async function ensurePgliteSnapshot(): Promise<string> {
  const file = path.join(CACHE_DIR, `pglite-${migrationsKey()}.tar`);
  if (!fs.existsSync(file)) await buildPgliteSnapshot(file);
  return file;
}

let snapshot: Promise<Blob> | undefined;

/** The migrated PGlite data directory as a tarball to pass to `createPglite(undefined, { loadDataDir })` (cached per process). */
export function migratedPgliteDataDir(): Promise<Blob> {
  snapshot ??= ensurePgliteSnapshot().then((file) => new Blob([fs.readFileSync(file)]));
  return snapshot;
}
