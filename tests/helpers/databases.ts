import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { startPostgres } from "./postgres.js";

/**
 * Databases on the run's PostgreSQL server (tests/helpers/globalSetup.ts), without the app: light to import for suites
 * that only need a database (tests/db). tests/helpers/backends.ts starts apps on them.
 */

/** The run's shared server (tests/helpers/globalSetup.ts), or null when this file starts its own. */
const shared = inject("sharedPostgres");
let ownServer: Promise<{ url: string; stop(): Promise<void> }> | undefined;
const created: string[] = [];
let dbCount = 0;

function serverUrl(): Promise<string> {
  if (shared) return Promise.resolve(shared.url);
  ownServer ??= startPostgres();
  return ownServer.then((s) => s.url);
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// Registered when a test file imports this module: the file's databases are dropped, its own server (if any) stops.
afterAll(async () => {
  if (created.length && shared) {
    const names = created.splice(0);
    // Best effort: what is not dropped goes with the server at the end of the run.
    await onServer(async (c) => {
      for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }).catch(() => {});
  }
  if (ownServer) await (await ownServer).stop();
  ownServer = undefined;
});

async function createDatabase(template?: string): Promise<string> {
  const name = `vakt_test_${process.pid}_${dbCount++}_${randomBytes(3).toString("hex")}`;
  await onServer((c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ""}`));
  created.push(name);
  const u = new URL(await serverUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new empty database (no migrations applied) on the run's PostgreSQL server (or this file's, started on first use). */
export function freshPostgresDatabase(): Promise<string> {
  return createDatabase();
}

/**
 * A new database with every migration applied and no data: a copy of the run's migrated template (cheap), or, without a
 * shared server, an empty one that the app migrates when it starts.
 */
export function migratedPostgresDatabase(): Promise<string> {
  return createDatabase(shared?.template);
}
