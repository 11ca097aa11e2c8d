import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../server/db/migrate.js";
import { ensurePgliteSnapshot } from "./migratedDb.js";
import { findPostgresBin, startPostgres } from "./postgres.js";

/** The one PostgreSQL server of a test run, with a migrated template database (see freshPostgresDatabase in backends.ts). */
export interface SharedPostgres {
  url: string;
  /** A database with every migration applied and nothing else; `CREATE DATABASE x TEMPLATE <this>` copies it. */
  template: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    sharedPostgres: SharedPostgres | null;
  }
}

export const TEMPLATE_DATABASE = "vakt_migrated_template";

function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Makes sure the migrated PGlite copy exists (tests/helpers/migratedDb.ts). Starts one PostgreSQL server for the whole run instead of one per test file (initdb and start-up cost seconds each), and
 * migrates a template database once. Without server binaries nothing is shared and the files fall back to their own
 * servers (tests/helpers/postgres.ts says whether they are skipped).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  await ensurePgliteSnapshot();
  if (!findPostgresBin()) {
    project.provide("sharedPostgres", null);
    return undefined;
  }
  const server = await startPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await admin.end();
    await applyMigrations({ kind: "pg", connectionString: databaseUrl(server.url, TEMPLATE_DATABASE) });
  } catch (err) {
    await server.stop();
    throw err;
  }
  project.provide("sharedPostgres", { url: server.url, template: TEMPLATE_DATABASE });
  return () => server.stop();
}
