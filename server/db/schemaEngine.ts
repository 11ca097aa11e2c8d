import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
import { createPglite } from "./pglite.js";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter } from "@prisma/driver-adapter-utils";

/**
 * Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm, the build for
 * this Prisma version's engine commit), talking to the database through a driver adapter.
 * No native binary, no download: migrations run wherever Node runs. Used in-process by
 * migrate.ts (start-up, `npm run db:migrate`) and by the CLI shim prisma/engine/shim.ts.
 */
const require = createRequire(import.meta.url);
type Bg = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
export type SchemaEngine = Awaited<ReturnType<Bg["SchemaEngine"]["new"]>>;

let bgModule: Promise<Bg> | undefined;
let lastPanic = "";
// The wasm engine reports panics through this global (the Prisma client installs one too).
const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m: string) => void (lastPanic = m) };
export const lastEnginePanic = () => lastPanic;
function loadWasm(): Promise<Bg> {
  bgModule ??= (async () => {
    const bg: Bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(dir, "schema_engine_bg.wasm")), { "./schema_engine_bg.js": bg as never });
    bg.__wbg_set_wasm(instance.exports);
    // Without the start call the stateful methods fail with "invalid type ... expected unit".
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bg;
  })();
  return bgModule;
}

export type EngineTarget = { kind: "pglite"; db: PGlite } | { kind: "pg"; connectionString: string };

export const SCHEMA_DIR = path.resolve(import.meta.dirname, "../../prisma/schema");
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

export function readSchemaFiles(dir = SCHEMA_DIR): [string, string][] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => [path.join(dir, f), fs.readFileSync(path.join(dir, f), "utf8")]);
}

type Adapter = SqlDriverAdapter & { onError(e: unknown): never };

/**
 * pglite-prisma-adapter 0.7's executeScript does not await `exec`: a failing migration would be
 * reported as applied and its error would surface as an unhandled rejection (killing the
 * process). This adapter awaits the script and reports its error to the engine.
 */
async function pgliteAdapter(db: PGlite): Promise<SqlDriverAdapter> {
  const adapter = (await new PrismaPGlite(db).connect()) as unknown as Adapter;
  adapter.executeScript = async (script: string) => {
    try {
      await db.exec(script);
    } catch (err) {
      adapter.onError(err);
    }
  };
  return adapter;
}

/**
 * PostgreSQL through adapter-pg, made to behave like the native engine's single connection:
 * - a pool of one connection, so the engine's session advisory lock (pg_advisory_lock(72707369))
 *   and its unlock run on the same session;
 * - adapter-pg's executeScript splits the script on every ";" (breaking semicolons in strings,
 *   comments, $$ bodies) and runs the pieces one by one; ours sends the migration as one
 *   simple-protocol query, as the native engine does (one implicit transaction);
 * - it refuses columns of PostgreSQL's internal one-byte "char" type (OID 18), which the
 *   engine's schema describer reads from the catalogues; ours reports them as text (the values
 *   already arrive as strings), as PGlite's adapter does.
 */
function pgAdapterFactory(connectionString: string) {
  const clients = new Set<pg.PoolClient>();
  const pool = new pg.Pool({ connectionString, max: 1 });
  const patch = <T>(result: T): T => {
    for (const r of (Array.isArray(result) ? result : [result]) as { fields?: { dataTypeID: number }[] }[])
      for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return result;
  };
  const wrap = (target: { query: (...a: never[]) => unknown }) => {
    const original = target.query.bind(target) as (...a: unknown[]) => unknown;
    target.query = ((...args: unknown[]) => {
      const out = original(...args);
      return out instanceof Promise ? out.then(patch) : out;
    }) as never;
  };
  wrap(pool as never);
  pool.on("connect", (client) => {
    wrap(client as never);
    clients.add(client);
    client.on("end", () => clients.delete(client));
  });
  // { schema: "public" } or the engine fails with "failed to get connection info".
  const factory = new PrismaPg(pool, { schema: "public" });
  return {
    adapterName: factory.adapterName,
    connect: async (): Promise<SqlDriverAdapter> => {
      const adapter = (await factory.connect()) as unknown as Adapter;
      adapter.executeScript = async (script: string) => {
        let client: pg.PoolClient | undefined;
        try {
          client = await pool.connect();
          await client.query(script);
        } catch (err) {
          adapter.onError(err);
        } finally {
          client?.release();
        }
      };
      return adapter;
    },
    /** Ends the pool; a connection stuck in a query (e.g. waiting for a lock) is cut after `graceMs`. */
    close: async (graceMs = 3000) => {
      let timer: NodeJS.Timeout | undefined;
      const ended = pool.end().then(() => true);
      const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
      if (!(await Promise.race([ended, late]))) {
        for (const c of clients) (c as unknown as { end(): Promise<void> }).end().catch(() => {});
        await ended;
      }
      clearTimeout(timer);
    },
  };
}

/**
 * A schema engine on `target`. The shadow database (used by createMigration, devDiagnostic,
 * diff from migrations) is a fresh in-memory PGlite per shadow connection, so it can never
 * touch the real database: adapter-pg's own shadow connection would reuse the main database.
 */
export async function openSchemaEngine(target: EngineTarget, datamodels = readSchemaFiles()) {
  const bg = await loadWasm();
  const shadows: PGlite[] = [];
  const pgFactory = target.kind === "pg" ? pgAdapterFactory(target.connectionString) : undefined;
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: pgFactory?.adapterName ?? "pglite",
    connect: () => (pgFactory ? pgFactory.connect() : pgliteAdapter((target as { db: PGlite }).db)),
    connectToShadowDb: async () => {
      const db = createPglite();
      shadows.push(db);
      return pgliteAdapter(db);
    },
  });
  const logs: string[] = [];
  const engine = await bg.SchemaEngine.new({ datamodels }, (line: string) => logs.push(line), adapter);
  let closed = false;
  return {
    engine,
    logs,
    close: async () => {
      if (closed) return;
      closed = true;
      engine.free();
      // The engine's session-level migration lock lives on the pooled connection: ending the
      // pool releases it now rather than after the pool's idle timeout.
      await pgFactory?.close();
      await Promise.all(shadows.map((db) => db.close().catch(() => {})));
    },
  };
}

export type MigrationsList = ReturnType<typeof migrationList>;

/** Prisma's view of the migrations folder (the same listing the CLI sends the engine). */
export function migrationList(dir = MIGRATIONS_DIR) {
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: migrationNames(dir).map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file) ? { tag: "ok" as const, value: fs.readFileSync(file, "utf8") } : { tag: "error" as const, value: "missing migration.sql" },
        },
      };
    }),
  };
}

/** The migration folder names, in the order Prisma applies them. */
export function migrationNames(dir = MIGRATIONS_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
