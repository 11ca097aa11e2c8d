/**
 * Stands in for Prisma's native schema-engine executable, served from the wasm engine
 * (@prisma/schema-engine-wasm) through driver adapters; see docs/database.md. The protocol:
 *   schema-engine --datasource <json> cli can-connect-to-database   one-shot: exit 0, or exit 1 with a JSON log line
 *   schema-engine --datasource <json> cli create-database           one-shot (migrate dev creates a missing database)
 *   schema-engine [--datamodels <file>]... --datasource <json>      JSON-RPC 2.0 on stdio, one message per line
 * Datasource URLs: postgres://... or postgresql://... (PostgreSQL through @prisma/adapter-pg), or
 * pglite:<folder> (the embedded database, relative to the working directory, which the CLI sets
 * to the folder of prisma.config.ts), or pglite:memory:// (throw-away).
 * Method names are the wasm engine's, which are the native engine's.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createPglite } from "../../server/db/pglite.js";
import pg from "pg";
import { lastEnginePanic, openSchemaEngine, readSchemaFiles, type EngineTarget } from "../../server/db/schemaEngine.js";

function log(level: "INFO" | "WARN" | "ERROR", fields: Record<string, unknown>) {
  // The CLI reads stderr as JSON log lines and shows an ERROR line's message (and error_code).
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: "schema_engine::logger" })}\n`);
}

// A panic in the wasm engine, or an error thrown outside a request: report it as the native
// engine does (an ERROR line, exit 101 = panic) so the CLI prints the reason.
const die = (err: unknown) => {
  log("ERROR", { is_panic: true, message: lastEnginePanic() || (err as Error)?.message || String(err) });
  process.exit(101);
};
process.on("uncaughtException", die);
process.on("unhandledRejection", die);

const args = process.argv.slice(2);
const datamodelPaths: string[] = [];
let datasource: { url?: string; shadowDatabaseUrl?: string } = {};
let cliCommand: string | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--datamodels") {
    while (args[i + 1] !== undefined && !args[i + 1].startsWith("--")) datamodelPaths.push(args[++i]);
  } else if (a === "--datasource") datasource = JSON.parse(args[++i]);
  else if (a === "--enabled-preview-features" || a === "--extension-types") i++;
  else if (a === "cli") cliCommand = args[++i];
  else if (a === "--version" || a === "-V") {
    process.stdout.write("schema-engine-cli wasm-shim (@prisma/schema-engine-wasm)\n");
    process.exit(0);
  }
}

const url = datasource.url ?? "";
const isPg = /^postgres(ql)?:\/\//.test(url);
const pgliteDir = (() => {
  const m = /^pglite:(.*)$/.exec(url);
  if (!m) return undefined;
  return m[1] === "memory://" ? "memory://" : path.resolve(m[1] || "./.data/pglite");
})();
if (!isPg && pgliteDir === undefined) {
  log("ERROR", { error_code: "P1013", message: `The provided database string is invalid. Use postgres://... or pglite:<folder> (got "${url.split(":")[0]}:...").` });
  process.exit(1);
}
if (datasource.shadowDatabaseUrl) log("WARN", { message: "shadowDatabaseUrl is ignored: the shadow database is always a throw-away in-memory PGlite." });

function databaseName(connectionString: string) {
  return decodeURIComponent(new URL(connectionString).pathname.slice(1)) || "postgres";
}

async function canConnect() {
  // An embedded database is created when first opened, as the app does. (Answering P1003 would
  // make the CLI create it and then fail to print its location: "Unknown protocol pglite:".)
  if (pgliteDir !== undefined) return;
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    await c.query("SELECT 1");
  } catch (err) {
    const e = err as Error & { code?: string };
    const u = new URL(url);
    if (e.code === "3D000")
      throw Object.assign(new Error(`Database \`${databaseName(url)}\` does not exist on the database server at \`${u.hostname}:${u.port || 5432}\`.`), { prismaCode: "P1003" });
    if (e.code === "28P01" || e.code === "28000")
      throw Object.assign(new Error(`Authentication failed against database server at \`${u.hostname}\`: ${e.message}`), { prismaCode: "P1000" });
    throw Object.assign(new Error(`Can't reach database server at \`${u.hostname}:${u.port || 5432}\`: ${e.message}`), { prismaCode: "P1001" });
  } finally {
    await c.end().catch(() => {});
  }
}

async function createDatabase() {
  if (pgliteDir !== undefined) {
    if (pgliteDir !== "memory://") fs.mkdirSync(pgliteDir, { recursive: true });
    const db = createPglite(pgliteDir);
    await db.waitReady;
    await db.close();
    return;
  }
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE "${databaseName(url).replace(/"/g, '""')}"`);
  } catch (err) {
    if ((err as { code?: string }).code !== "42P04") throw err; // already exists
  } finally {
    await c.end();
  }
}

async function runCli(cmd: string) {
  // The CLI skips the first line of a one-shot command's stderr (the native engine's start-up
  // line), then looks for the ERROR line.
  log("INFO", { message: `Starting schema engine CLI (wasm shim): ${cmd}` });
  try {
    if (cmd === "can-connect-to-database") await canConnect();
    else if (cmd === "create-database") await createDatabase();
    else throw Object.assign(new Error(`unsupported cli command ${cmd} (wasm shim)`), { prismaCode: null });
    process.exit(0);
  } catch (err) {
    const e = err as Error & { prismaCode?: string | null };
    log("ERROR", { error_code: e.prismaCode === undefined ? "P1001" : e.prismaCode, message: e.message });
    process.exit(1);
  }
}

async function openTarget(): Promise<{ target: EngineTarget; close(): Promise<void> }> {
  if (isPg) return { target: { kind: "pg", connectionString: url }, close: async () => {} };
  if (pgliteDir !== "memory://") fs.mkdirSync(pgliteDir!, { recursive: true });
  const db = createPglite(pgliteDir);
  await db.waitReady;
  return { target: { kind: "pglite", db }, close: () => db.close() };
}

type Params = Record<string, unknown>;

async function serve() {
  const { target, close: closeTarget } = await openTarget();
  // Commands such as `migrate diff` start the engine without --datamodels; the wasm engine
  // needs at least one file, so it gets the project's schema folder.
  const datamodels = datamodelPaths.length ? datamodelPaths.map((p) => [p, fs.readFileSync(p, "utf8")] as [string, string]) : readSchemaFiles();
  const { engine, close } = await openSchemaEngine(target, datamodels);
  const call = engine as unknown as Record<string, (params: unknown) => Promise<unknown>>;
  const rpcMethods = new Set(Object.getOwnPropertyNames(Object.getPrototypeOf(engine)).filter((m) => !["constructor", "free", "__destroy_into_raw"].includes(m)));
  let printId = 1_000_000;

  const overrides: Record<string, (params: Params) => Promise<unknown>> = {
    // The CLI's name for the wasm engine's `version`.
    getDatabaseVersion: () => engine.version(),
    // The native engine prints the diff itself, through a "print" request to the CLI.
    diff: async (params) => {
      const { stdout, ...rest } = (await engine.diff(params as never)) as { stdout?: string; exitCode: number };
      if (stdout) process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id: printId++, method: "print", params: { content: stdout } })}\n`);
      return rest;
    },
    // The wasm engine evaluates data loss only with the migrations' schema already in its cache
    // (it has no shadow-database factory for this method: "PostgreSQL shadow DB must be provided
    // through an external factory"). `migrate dev` calls devDiagnostic first, which fills the
    // cache; if it did not, we do the same and ask again, so the warnings are the engine's own.
    evaluateDataLoss: async (params) => {
      try {
        return await engine.evaluateDataLoss(params as never);
      } catch (err) {
        if (!/external factory/.test((err as Error).message)) throw err;
        await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters } as never);
        return await engine.evaluateDataLoss(params as never);
      }
    },
  };

  const reply = (msg: object) => void process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...msg })}\n`);
  const rl = readline.createInterface({ input: process.stdin });
  let queue: Promise<void> = Promise.resolve();
  rl.on("line", (line) => {
    if (!line.trim()) return;
    // One request at a time, in order, as the native engine does.
    queue = queue.then(async () => {
      let req: { id: number | string | null; method?: string; params?: Params };
      try {
        req = JSON.parse(line);
      } catch {
        return reply({ id: null, error: { code: -32700, message: "Parse error" } });
      }
      if (!req.method) return; // the CLI's answer to one of our "print" requests
      const fn = overrides[req.method] ?? (rpcMethods.has(req.method) ? call[req.method].bind(engine) : undefined);
      if (!fn) return reply({ id: req.id, error: { code: -32601, message: `Method not found: ${req.method} (not in the wasm schema engine)` } });
      try {
        const result = await fn(req.params ?? {});
        reply({ id: req.id, result: result ?? null });
      } catch (err) {
        const e = err as Error & { code?: string; meta?: unknown };
        const panic = lastEnginePanic();
        reply({
          id: req.id,
          error: {
            code: 4466,
            message: "An error happened. Check the data field for details.",
            data: { is_panic: Boolean(panic), message: panic || e.message, meta: e.meta ?? null, error_code: e.code ?? null },
          },
        });
      }
    });
  });
  rl.on("close", () =>
    void queue
      .then(close)
      .then(closeTarget)
      .finally(() => process.exit(0)),
  );
}

if (cliCommand) await runCli(cliCommand);
else await serve();
