import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationNames } from "../../server/db/schemaEngine.js";
import { postgresAvailable, startPostgres } from "../helpers/postgres.js";

/**
 * The ordinary Prisma CLI, offline: prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at
 * prisma/engine/schema-engine, which serves the native engine's protocol from the wasm engine.
 */
const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const PRISMA = path.join(ROOT, "node_modules/.bin/prisma");
const ENGINE = path.join(ROOT, "prisma/engine/schema-engine");
const ALL = migrationNames();
const SLOW = 240_000;

type Out = { code: number; stdout: string; stderr: string };
async function prisma(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Out> {
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CI: "1", ...opts.env };
  try {
    const { stdout, stderr } = await exec(PRISMA, args, { cwd: opts.cwd, env, timeout: SLOW });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

async function sql<T>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

/** A copy of prisma/schema and prisma/migrations with its own config, so the CLI may write there. */
function scratchProject(datasourceUrl: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vakt-cli-"));
  fs.cpSync(path.join(ROOT, "prisma/schema"), path.join(dir, "schema"), { recursive: true });
  fs.cpSync(path.join(ROOT, "prisma/migrations"), path.join(dir, "migrations"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "prisma.config.mjs"),
    `export default { schema: "schema", migrations: { path: "migrations" }, datasource: { url: ${JSON.stringify(datasourceUrl)} } };\n`,
  );
  return dir;
}

describe("the schema-engine shim", () => {
  it("answers the one-shot connection check for an embedded database", async () => {
    const { stdout } = await exec(ENGINE, ["--version"]);
    expect(stdout).toMatch(/wasm/);
    await exec(ENGINE, ["--datasource", JSON.stringify({ url: "pglite:memory://" }), "cli", "can-connect-to-database"], { cwd: os.tmpdir() });
  });

  it("embedded database: migrate deploy, then status is up to date", { timeout: SLOW }, async () => {
    const dir = scratchProject("pglite:./db");
    try {
      const cfg = ["--config", "prisma.config.mjs"];
      const env = { PRISMA_SCHEMA_ENGINE_BINARY: ENGINE };
      const deploy = await prisma(["migrate", "deploy", ...cfg], { cwd: dir, env });
      expect(deploy.stdout + deploy.stderr).toMatch(/successfully applied/);
      expect(fs.existsSync(path.join(dir, "db", "PG_VERSION"))).toBe(true);
      const status = await prisma(["migrate", "status", ...cfg], { cwd: dir, env });
      expect(status).toMatchObject({ code: 0, stdout: expect.stringMatching(/Database schema is up to date/) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!postgresAvailable())("the Prisma CLI on PostgreSQL through the shim", () => {
  let server: { url: string; stop(): Promise<void> };
  const dbUrl = (name: string) => {
    const u = new URL(server.url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("the project's own config: status, deploy (creating the database), status", { timeout: SLOW }, async () => {
    // No PRISMA_SCHEMA_ENGINE_BINARY here: prisma.config.ts sets it. The database does not exist yet.
    const env = { DATABASE_URL: dbUrl("cli_project"), PRISMA_SCHEMA_ENGINE_BINARY: undefined };
    const before = await prisma(["migrate", "status"], { cwd: ROOT, env });
    expect(before.code).not.toBe(0);
    expect(before.stdout + before.stderr).toMatch(/P1003.*does not exist/);
    const deploy = await prisma(["migrate", "deploy"], { cwd: ROOT, env });
    expect(deploy.stdout + deploy.stderr).toMatch(/successfully applied/);
    expect(deploy.code).toBe(0);
    const after = await prisma(["migrate", "status"], { cwd: ROOT, env });
    expect(after).toMatchObject({ code: 0, stdout: expect.stringMatching(/Database schema is up to date/) });
    const rows = await sql<{ migration_name: string }>(dbUrl("cli_project"), `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`);
    expect(rows.map((r) => r.migration_name)).toEqual(ALL);
  });

  it("migrate diff, migrate dev --create-only, deploy, and the engine's data-loss warning", { timeout: SLOW }, async () => {
    const url = dbUrl("cli_dev");
    const dir = scratchProject(url);
    const cfg = ["--config", "prisma.config.mjs"];
    const env = { PRISMA_SCHEMA_ENGINE_BINARY: ENGINE };
    try {
      expect((await prisma(["migrate", "deploy", ...cfg], { cwd: dir, env })).code).toBe(0);
      fs.writeFileSync(path.join(dir, "schema", "zz_probe.prisma"), "model ProbeTable {\n  id   String  @id\n  note String?\n}\n");

      const diff = await prisma(["migrate", "diff", "--from-migrations", "migrations", "--to-schema", "schema", "--script", ...cfg], { cwd: dir, env });
      expect(diff.code).toBe(0);
      expect(diff.stdout).toMatch(/CREATE TABLE "ProbeTable"/);

      const create = await prisma(["migrate", "dev", "--create-only", "--name", "probe", ...cfg], { cwd: dir, env });
      expect(create.stdout).toMatch(/created the following migration without applying it/);
      const created = fs.readdirSync(path.join(dir, "migrations")).find((d) => d.endsWith("_probe"));
      expect(created).toBeTruthy();
      expect(fs.readFileSync(path.join(dir, "migrations", created!, "migration.sql"), "utf8")).toMatch(/CREATE TABLE "ProbeTable"/);

      const deploy = await prisma(["migrate", "deploy", ...cfg], { cwd: dir, env });
      expect(deploy.stdout).toMatch(new RegExp(created!));
      await sql(url, `INSERT INTO "ProbeTable" (id) VALUES ('kept')`);

      // Dropping a table with a row: migrate dev shows the engine's warning, and refuses to go on
      // without a terminal to confirm, exactly as with the native engine.
      fs.rmSync(path.join(dir, "schema", "zz_probe.prisma"));
      const drop = await prisma(["migrate", "dev", "--create-only", "--name", "drop_probe", ...cfg], { cwd: dir, env });
      expect(drop.code).not.toBe(0);
      expect(drop.stdout).toMatch(/You are about to drop the `ProbeTable` table, which is not empty \(1 rows\)/);
      expect(await sql(url, `SELECT id FROM "ProbeTable"`)).toEqual([{ id: "kept" }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
