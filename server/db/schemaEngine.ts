import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm, the build for
 * this Prisma version's engine commit), talking to the database through a driver adapter.
 * No native binary, no download: migrations run wherever Node runs.
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

function adapterFactory(target: EngineTarget, pools: pg.Pool[] = []) {
  if (target.kind === "pglite") {
    const db = target.db;
    return { provider: "postgres" as const, adapterName: "pglite", connect: () => new PrismaPGlite(db).connect() };
  }
  // { schema: "public" } or the engine fails with "failed to get connection info".
  const pool = charTolerantPool(target.connectionString);
  pools.push(pool);
  return new PrismaPg(pool, { schema: "public" });
}

/**
 * adapter-pg refuses columns of PostgreSQL's internal one-byte "char" type (OID 18), which the
 * engine's schema describer reads from the catalogues during `migrate dev`; PGlite's adapter
 * reads them as text. This pool reports them as text too (their values already arrive as strings).
 */
function charTolerantPool(connectionString: string): pg.Pool {
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
  const pool = new pg.Pool({ connectionString, max: 2 });
  wrap(pool as never);
  pool.on("connect", (client) => wrap(client as never));
  return pool;
}

/**
 * A schema engine on `target`. The shadow database (used by createMigration/devDiagnostic)
 * is a throw-away in-memory PGlite, so it can never touch the real database.
 */
export async function openSchemaEngine(target: EngineTarget, datamodels = readSchemaFiles()) {
  const bg = await loadWasm();
  const shadows: PGlite[] = [];
  const pools: pg.Pool[] = [];
  const main = adapterFactory(target, pools);
  // adapter-pg's own shadow database reuses the main connection string (and so the main
  // database); ours is always a separate in-memory PGlite.
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: main.adapterName,
    connect: () => main.connect(),
    connectToShadowDb: async () => {
      // A fresh, empty database for every shadow connection, as the native engine does.
      const db = new PGlite();
      shadows.push(db);
      return new PrismaPGlite(db).connect();
    },
  } as never);
  const logs: string[] = [];
  const engine = await bg.SchemaEngine.new({ datamodels }, (line: string) => logs.push(line), adapter);
  return {
    engine,
    logs,
    close: async () => {
      engine.free();
      // The engine's session-level migration lock lives on a pooled connection: closing the
      // pool releases it now rather than after the pool's idle timeout.
      await Promise.all(pools.map((p) => p.end()));
      await Promise.all(shadows.map((db) => db.close()));
    },
  };
}

/** Prisma's view of the migrations folder (same format as the CLI). */
export function migrationList(dir = MIGRATIONS_DIR) {
  const lockPath = path.join(dir, "migration_lock.toml");
  const dirs = fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
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

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
