import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { ensureBaseData } from "../../server/bootstrap.js";
import { loadAuditKeyring, useAuditKeyring } from "../../server/audit/keys.js";
import type { AuditActor } from "../../server/audit/service.js";
import type { AppContext } from "../../server/context.js";
import { openDatabase, type Database, type Prisma, type Tx } from "../../server/db/client.js";
import { applyMigrations } from "../../server/db/migrate.js";
import { createLogger } from "../../server/logger.js";
import { loadTaxonomy } from "../../server/taxonomy/routes.js";
import type { Role } from "../../shared/roles.js";
import { testConfig } from "./app.js";
import { migratedPostgresDatabase } from "./databases.js";
import { migratedPgliteDataDir } from "./migratedDb.js";

/**
 * The service-level test tier: domain services called directly, without HTTP, on one migrated database per test file
 * (a copy, so nothing to migrate), with each test's writes rolled back at its end. A test costs milliseconds instead of
 * an app start and a round of HTTP requests; HTTP suites stay for the contract (status codes, shapes, permissions).
 *
 *   const svc = withServiceDb("pglite");
 *   it("...", () => svc.rollback(async ({ ctx, tx, user }) => { ... }));
 *
 * Inside rollback(), `ctx.prisma` is the test's transaction: `inTransaction(ctx.prisma, fn)` (what routes call) runs `fn`
 * in a savepoint of it, so a failing command still leaves nothing behind, exactly as its own transaction would.
 */
export interface ServiceScope {
  /** An app context whose prisma is this test's transaction (see above). */
  ctx: AppContext;
  /** The test's transaction itself, for services that take a Tx. */
  tx: Tx;
  /** A new active user with this role, as the actor services take (only inside this test). */
  user(role: Role, opts?: { organizationId?: string }): Promise<AuditActor & { id: string; role: Role }>;
}

export type ServiceBackend = "pglite" | "postgres";

/** Rolls the test's transaction back; never seen outside rollback(). */
class RollBack extends Error {}

/** A Prisma client over an open transaction whose $transaction() nests as a savepoint. */
function savepointClient(tx: Tx): Prisma {
  let depth = 0;
  async function $transaction(arg: unknown): Promise<unknown> {
    const name = `svc_${++depth}`;
    await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
    try {
      const result = Array.isArray(arg)
        ? await Promise.all(arg as Promise<unknown>[])
        : await (arg as (t: Tx) => Promise<unknown>)(tx);
      await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
      throw err;
    } finally {
      depth--;
    }
  }
  // The cast: services see the one method a transaction client lacks, and it keeps Prisma's contract (all or nothing).
  return new Proxy(tx, { get: (target, key, receiver) => (key === "$transaction" ? $transaction : Reflect.get(target, key, receiver)) }) as unknown as Prisma;
}

/**
 * Raw reads that bypass Prisma (server/http/hotRead.ts) run on another connection (PostgreSQL) or would wait for the
 * test's transaction (PGlite): they would not see the test's writes, so they fail loudly here. Test them over HTTP.
 */
const noHotReads = new Proxy({}, {
  get() {
    throw new Error("hot reads (server/http/hotRead.ts) do not see the service tier's transaction: test this read over HTTP");
  },
});

export class ServiceDb {
  #db?: Database;
  #ctx?: AppContext;

  async open(backend: ServiceBackend) {
    const config = testConfig(backend === "postgres" ? { databaseUrl: await migratedPostgresDatabase() } : {});
    const db = config.DATABASE_URL
      ? await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, poolSize: 2 })
      : await openDatabase({ dataDir: "memory://", pgliteDataDir: await migratedPgliteDataDir() });
    this.#db = db;
    // Without a shared PostgreSQL server the database is empty: migrate it as the app would.
    await applyMigrations(db.kind === "pglite" ? { kind: "pglite", db: db.pglite } : { kind: "pg", connectionString: db.connectionString });
    const logger = createLogger(config.LOG_LEVEL);
    useAuditKeyring(loadAuditKeyring(config, { create: true, logger }));
    this.#ctx = { config, db, prisma: db.prisma, logger, taxonomy: loadTaxonomy(config.TAXONOMY_FILE), instanceId: randomUUID() };
    await ensureBaseData(this.#ctx);
  }

  async close() {
    await this.#db?.close();
  }

  /** Runs `fn` in a transaction that is rolled back afterwards, whatever `fn` did. */
  async rollback(fn: (scope: ServiceScope) => Promise<void>): Promise<void> {
    const base = this.#ctx;
    if (!base) throw new Error("the service database opens in beforeAll: use it inside a test");
    try {
      await base.prisma.$transaction(
        async (tx) => {
          const prisma = savepointClient(tx);
          const db = (base.db.kind === "pglite" ? { ...base.db, prisma, pglite: noHotReads } : { ...base.db, prisma, pool: noHotReads }) as Database;
          const ctx: AppContext = { ...base, prisma, db };
          let n = 0;
          const user: ServiceScope["user"] = async (role, opts = {}) => {
            const u = await tx.user.create({
              data: { email: `svc-${role}-${++n}-${randomUUID().slice(0, 8)}@example.test`, name: `Test ${role} ${n}`, role,
                passwordHash: "unusable", organizationId: opts.organizationId ?? null },
            });
            return { id: u.id, role, actorId: u.id, actorLabel: u.name };
          };
          await fn({ ctx, tx, user });
          throw new RollBack();
        },
        { timeout: 120_000, maxWait: 60_000 },
      );
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
    }
  }
}

/** Opens a service database for the file (or describe block) in beforeAll and closes it in afterAll. */
export function withServiceDb(backend: ServiceBackend = "pglite"): ServiceDb {
  const handle = new ServiceDb();
  beforeAll(() => handle.open(backend));
  afterAll(() => handle.close());
  return handle;
}
