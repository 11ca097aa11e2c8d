import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../server/db/migrate.js";
import { freshPostgresDatabase } from "../helpers/backends.js";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const PRISMA = path.join(ROOT, "node_modules/.bin/prisma");

async function tables(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
  const m = await c.query(`SELECT migration_name, finished_at FROM _prisma_migrations`);
  await c.end();
  return { tables: r.rows.map((x) => x.table_name as string), migrations: m.rows };
}

describe("offline migrations with the wasm schema engine", () => {
  it("applies to a fresh PGlite database, once", async () => {
    const db = new PGlite();
    const first = await applyMigrations({ kind: "pglite", db });
    expect(first.applied.length).toBeGreaterThan(0);
    expect((await applyMigrations({ kind: "pglite", db })).applied).toEqual([]);
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
    expect(r.rows[0].n).toBe(first.applied.length);
    await db.query(`SELECT id FROM "Incident" LIMIT 1`);
    await db.close();
  });

  it("applies to PostgreSQL once even when two instances start at the same time", async () => {
    const url = await freshPostgresDatabase();
    const [a, b] = await Promise.all([applyMigrations({ kind: "pg", connectionString: url }), applyMigrations({ kind: "pg", connectionString: url })]);
    expect([...a.applied, ...b.applied].sort()).toEqual(fs.readdirSync(path.join(ROOT, "prisma/migrations")).filter((d) => !d.endsWith(".toml")).sort());
    const state = await tables(url);
    expect(state.tables).toEqual(expect.arrayContaining(["Incident", "AuditEntry", "User"]));
    expect(state.migrations.every((m) => m.finished_at)).toBe(true);
  });
});

describe("the Prisma CLI through the offline schema-engine shim", () => {
  let dir: string;
  let url: string;
  let env: NodeJS.ProcessEnv;
  const prisma = (...args: string[]) => run(PRISMA, [...args, "--config", path.join(dir, "prisma.config.mjs")], { cwd: dir, env, timeout: 120_000 });

  beforeAll(async () => {
    url = await freshPostgresDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-cli-"));
    fs.cpSync(path.join(ROOT, "prisma/schema"), path.join(dir, "schema"), { recursive: true });
    fs.cpSync(path.join(ROOT, "prisma/migrations"), path.join(dir, "migrations"), { recursive: true });
    fs.writeFileSync(
      path.join(dir, "prisma.config.mjs"),
      `export default { schema: "schema", migrations: { path: "migrations" }, datasource: { url: ${JSON.stringify(url)} } };\n`,
    );
    env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: path.join(ROOT, "prisma/engine/schema-engine"), PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("migrate status, deploy and status again", async () => {
    const before = await prisma("migrate", "status").catch((e) => e);
    expect(String(before.stdout)).toMatch(/not yet been applied/);
    const deploy = await prisma("migrate", "deploy");
    expect(deploy.stdout).toMatch(/successfully applied/);
    const after = await prisma("migrate", "status");
    expect(after.stdout).toMatch(/Database schema is up to date/);
  }, 240_000);

  it("migrate diff and migrate dev create a new migration from a schema change", async () => {
    fs.writeFileSync(path.join(dir, "schema", "zz_probe.prisma"), "model ProbeTable {\n  id String @id\n  note String?\n}\n");
    const diff = await prisma("migrate", "diff", "--from-migrations", "migrations", "--to-schema", "schema", "--script");
    expect(diff.stdout).toMatch(/CREATE TABLE "ProbeTable"/);
    const dev = await prisma("migrate", "dev", "--name", "probe");
    expect(dev.stdout).toMatch(/in sync with your schema/);
    const created = fs.readdirSync(path.join(dir, "migrations")).find((d) => d.endsWith("_probe"));
    expect(created).toBeTruthy();
    expect(fs.readFileSync(path.join(dir, "migrations", created!, "migration.sql"), "utf8")).toMatch(/CREATE TABLE "ProbeTable"/);
    expect((await tables(url)).tables).toContain("ProbeTable");
  }, 240_000);
});
