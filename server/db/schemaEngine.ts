import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
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

function adapterFactory(target: EngineTarget) {
  if (target.kind === "pglite") {
    const db = target.db;
    return { provider: "postgres" as const, adapterName: "pglite", connect: () => new PrismaPGlite(db).connect() };
  }
  // { schema: "public" } or the engine fails with "failed to get connection info".
  return new PrismaPg({ connectionString: target.connectionString, max: 2 }, { schema: "public" });
}

/**
 * A schema engine on `target`. The shadow database (used by createMigration/devDiagnostic)
 * is a throw-away in-memory PGlite, so it can never touch the real database.
 */
export async function openSchemaEngine(target: EngineTarget, datamodels = readSchemaFiles()) {
  const bg = await loadWasm();
  const shadow = new PGlite();
  const main = adapterFactory(target);
  // adapter-pg's own shadow database reuses the main connection string (and so the main
  // database); ours is always a separate in-memory PGlite.
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: main.adapterName,
    connect: () => main.connect(),
    connectToShadowDb: () => new PrismaPGlite(shadow).connect(),
  } as never);
  const logs: string[] = [];
  const engine = await bg.SchemaEngine.new({ datamodels }, (line: string) => logs.push(line), adapter);
  return {
    engine,
    logs,
    close: async () => {
      engine.free();
      await shadow.close();
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
