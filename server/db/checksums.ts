import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** What `_prisma_migrations` says about one applied migration. */
export interface AppliedMigration {
  name: string;
  checksum: string;
}

/**
 * Earlier contents of migrations that were edited in place before this check existed. Each is
 * accepted for its migration only, with the reason; never add to this list: write a new
 * migration instead (docs/database.md, "Adding a migration").
 */
const ACCEPTED_EARLIER_CHECKSUMS: Record<string, { checksum: string; reason: string }[]> = {
  "20261201034530_dashboard_rollups": [
    {
      checksum: "b28a8adaf71800476e3c57990a23f8c089faa774acf7c924287d251cd4cac5dd",
      reason: "commit f50c31a: the same roll-up triggers with one function per table instead of one shared function",
    },
  ],
};

/** Prisma records the SHA-256 (hex) of migration.sql as the checksum of an applied migration. */
export function migrationChecksum(dir: string, name: string): string | undefined {
  const file = path.join(dir, name, "migration.sql");
  if (!fs.existsSync(file)) return undefined;
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export class ChangedMigrationError extends Error {
  constructor(readonly changed: string[]) {
    super(
      `Refusing to migrate: ${changed.length === 1 ? "migration" : "migrations"} ${changed.join(", ")} changed after being applied ` +
        "to this database (checksum differs from _prisma_migrations). A committed migration is never edited: restore the " +
        "file as it was and put the change in a new migration (docs/database.md).",
    );
    this.name = "ChangedMigrationError";
  }
}

/** The applied migrations whose file on disk no longer matches what was applied (a missing folder is not checked here). */
export function changedMigrations(applied: AppliedMigration[], dir: string): string[] {
  return applied
    .filter(({ name, checksum }) => {
      const now = migrationChecksum(dir, name);
      if (now === undefined || now === checksum) return false;
      return !(ACCEPTED_EARLIER_CHECKSUMS[name] ?? []).some((earlier) => earlier.checksum === checksum);
    })
    .map((m) => m.name);
}
