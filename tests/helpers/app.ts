import { loadConfig } from "../../server/config.js";
import { startServer, type RunningServer } from "../../server/bootstrap.js";
import { createLogger } from "../../server/logger.js";
import { openDatabase } from "../../server/db/client.js";
import { migratedPgliteDataDir } from "./migratedDb.js";

export const TEST_ADMIN = { email: "admin@example.test", password: "Adm1n-Passw0rd!-Kestrel" };

export interface TestApp {
  baseUrl: string;
  admin: { email: string; password: string };
  running: RunningServer;
  stop(): Promise<void>;
}

/** The configuration every test app runs with: in-memory PGlite by default, or PostgreSQL at databaseUrl; env overrides. */
export function testConfig(opts: { databaseUrl?: string; env?: Record<string, string> } = {}) {
  return loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: "memory://",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOGIN_RATE_LIMIT: "1000",
    LOGIN_ACCOUNT_RATE_LIMIT: "1000",
    LOGIN_ADDRESS_RATE_LIMIT: "1000",
    JOBS_ENABLED: "false",
    VALIDATE_RESPONSES: "true",
    // The test admin works at once; the set-up suites turn the first-run screen on (server/settings, tests/browser/people).
    FIRST_RUN_SETUP: "false",
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  });
}

/** The real app on an ephemeral port: in-memory PGlite by default, or PostgreSQL at databaseUrl. */
export async function startTestApp(opts: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const config = testConfig(opts);
  // The throw-away embedded database starts as a copy of a migrated one (tests/helpers/migratedDb.ts).
  const database =
    !config.DATABASE_URL && config.dataDir === "memory://"
      ? await openDatabase({ dataDir: "memory://", pgliteDataDir: await migratedPgliteDataDir() })
      : undefined;
  const running = await startServer(config, createLogger(config.LOG_LEVEL), { database });
  return { baseUrl: running.url, admin: TEST_ADMIN, running, stop: () => running.close() };
}
