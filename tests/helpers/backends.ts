import pg from "pg";
import { afterAll } from "vitest";
import { startTestApp, type TestApp } from "./app.js";
import { startPostgres } from "./postgres.js";

export interface Backend {
  name: "pglite" | "postgres";
  /** A fresh app on a fresh, empty database. */
  start(env?: Record<string, string>): Promise<TestApp>;
}

let pgServer: Promise<{ url: string; stop(): Promise<void> }> | undefined;
let dbCount = 0;

// Registered when a test file imports this module, so the file's server always stops.
afterAll(async () => {
  if (pgServer) await (await pgServer).stop();
  pgServer = undefined;
});

/** A new empty database on this test file's PostgreSQL server (started on first use). */
export async function freshPostgresDatabase(): Promise<string> {
  pgServer ??= startPostgres();
  const { url } = await pgServer;
  const name = `vakt_test_${process.pid}_${dbCount++}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export const pgliteBackend: Backend = { name: "pglite", start: (env) => startTestApp({ env }) };
export const postgresBackend: Backend = {
  name: "postgres",
  start: async (env) => startTestApp({ databaseUrl: await freshPostgresDatabase(), env }),
};

/** Both database paths: every API suite runs on the embedded database and on a real PostgreSQL server. */
export const BACKENDS: Backend[] = [pgliteBackend, postgresBackend];
