import { startTestApp, type TestApp } from "./app.js";
import { migratedPostgresDatabase } from "./databases.js";

export { freshPostgresDatabase, migratedPostgresDatabase } from "./databases.js";

export interface Backend {
  name: "pglite" | "postgres";
  /** A fresh app on a fresh database with every migration applied and no data. */
  start(env?: Record<string, string>): Promise<TestApp>;
}

export const pgliteBackend: Backend = { name: "pglite", start: (env) => startTestApp({ env }) };
export const postgresBackend: Backend = {
  name: "postgres",
  start: async (env) => startTestApp({ databaseUrl: await migratedPostgresDatabase(), env }),
};

/** Both database paths: every API suite runs on the embedded database and on a real PostgreSQL server. */
export const BACKENDS: Backend[] = [pgliteBackend, postgresBackend];
