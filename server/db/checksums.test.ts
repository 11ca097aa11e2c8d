import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { changedMigrations, migrationChecksum } from "./checksums.js";
import { MIGRATIONS_DIR } from "./schemaEngine.js";

describe("migration checksums", () => {
  it("are the SHA-256 of migration.sql, as Prisma records them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-ck-"));
    fs.mkdirSync(path.join(dir, "20200101000000_a"));
    fs.writeFileSync(path.join(dir, "20200101000000_a", "migration.sql"), "SELECT 1;\n");
    expect(migrationChecksum(dir, "20200101000000_a")).toBe("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd");
    expect(changedMigrations([{ name: "20200101000000_a", checksum: "0".repeat(64) }], dir)).toEqual(["20200101000000_a"]);
    expect(changedMigrations([{ name: "20200101000000_a", checksum: migrationChecksum(dir, "20200101000000_a")! }], dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("accept the one recorded earlier text of dashboard_rollups, and no other", () => {
    const earlier = "b28a8adaf71800476e3c57990a23f8c089faa774acf7c924287d251cd4cac5dd";
    expect(changedMigrations([{ name: "20261201034530_dashboard_rollups", checksum: earlier }], MIGRATIONS_DIR)).toEqual([]);
    expect(changedMigrations([{ name: "20261201042503_subject_exception", checksum: earlier }], MIGRATIONS_DIR)).toEqual([
      "20261201042503_subject_exception",
    ]);
  });
});
