import type { Registry } from "prom-client";
import { randomUUID } from "node:crypto";
import { ensureDefaultPlaybooks } from "./playbooks/service.js";
import type { Config } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { openDatabase, type Database } from "./db/client.js";
import { applyMigrations } from "./db/migrate.js";
import type { AppContext } from "./context.js";
import { createApp } from "./app.js";
import { wireNoticeDelivery } from "./notices/delivery.js";
import { createMainServer, createRedirectServer, listen, type MainServer } from "./http/transport.js";
import { loadTaxonomy } from "./taxonomy/routes.js";
import { ensureFirstAdmin } from "./users/firstAdmin.js";
import { startJobs } from "./jobs/runner.js";
import { closeLiveHub } from "./live/hub.js";
import { startMetricsServer } from "./metrics/routes.js";
import { closeMailTransport } from "./outbox/transport.js";
import { ensureSelfOrganization } from "./organizations/service.js";
import { SYSTEM_ACTOR, inTransaction } from "./audit/service.js";
import { loadAuditKeyring, useAuditKeyring } from "./audit/keys.js";
import { coverUnkeyedEntries } from "./audit/publish.js";
import { checkpointStore } from "./audit/checkpoints.js";
import { refreshVendorSettings } from "./settings/service.js";

/** The vendor's own organisation and the first administrator; serialised so instances starting together create each once. */
export async function ensureBaseData(ctx: AppContext) {
  await inTransaction(ctx.prisma, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7265421912)`;
    await ensureSelfOrganization(tx, SYSTEM_ACTOR, ctx.config);
    await ensureFirstAdmin(tx, ctx);
    await ensureDefaultPlaybooks(tx);
  });
}

export interface RunningServer {
  ctx: AppContext;
  server: MainServer;
  url: string;
  /** The plain-HTTP redirect port's base URL, when TLS and HTTP_REDIRECT_PORT are set. */
  redirectUrl?: string;
  /** The internal metrics port's base URL, when METRICS_PORT is set. */
  metricsUrl?: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** An already opened database to serve instead of the one the config names (the tests hand in a copy of a migrated one). */
  database?: Database;
}

/** Opens the database, applies migrations, makes the first admin, and serves the API and web app. */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.LOG_LEVEL),
  opts: StartOptions = {},
): Promise<RunningServer> {
  const db = opts.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir }));
  const migrated = await applyMigrations(db.kind === "pglite" ? { kind: "pglite", db: db.pglite } : { kind: "pg", connectionString: db.connectionString });
  if (migrated.applied.length) logger.info({ applied: migrated.applied }, "migrations applied");
  const ctx: AppContext = { config, db, prisma: db.prisma, logger, taxonomy: loadTaxonomy(config.TAXONOMY_FILE), instanceId: randomUUID() };
  const keyring = loadAuditKeyring(config, { create: true, logger });
  useAuditKeyring(keyring);
  logger.info({ keyId: keyring.current.id, keys: keyring.source, checkpoints: checkpointStore(ctx).where }, "audit log keyed");
  if (!config.AUDIT_CHECKPOINT_DIR && db.kind === "pglite" && config.dataDir !== "memory://") {
    logger.warn("audit checkpoints are kept next to the embedded database: set AUDIT_CHECKPOINT_DIR to a place its administrators cannot write");
  }
  await refreshVendorSettings(ctx);
  await ensureBaseData(ctx);
  await coverUnkeyedEntries(ctx);
  wireNoticeDelivery();
  const app = createApp(ctx);
  const main = await listen(createMainServer(config, app), config.PORT, config.HOST);
  const redirect = config.HTTP_REDIRECT_PORT !== undefined ? await listen(createRedirectServer(ctx), config.HTTP_REDIRECT_PORT, config.HOST) : null;
  const metricsServer = config.METRICS_PORT !== undefined ? await startMetricsServer(ctx, app.locals.metricsRegistry as Registry) : null;
  const stopJobs = config.JOBS_ENABLED ? startJobs(ctx) : async () => {};
  const url = `${config.tls ? "https" : "http"}://localhost:${main.port}`;
  const redirectUrl = redirect ? `http://localhost:${redirect.port}` : undefined;
  logger.info({ url, redirectUrl, database: db.kind }, "Vakt is listening");
  return {
    ctx,
    server: main.server,
    url,
    redirectUrl,
    metricsUrl: metricsServer?.url,
    close: async () => {
      await stopJobs();
      await metricsServer?.close();
      closeMailTransport(ctx);
      await redirect?.close();
      await closeLiveHub(ctx);
      await main.close();
      await db.close();
    },
  };
}
