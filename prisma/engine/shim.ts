/**
 * The schema-engine executable protocol, served from Prisma's wasm engine:
 *   schema-engine --datasource <json> cli can-connect-to-database     one-shot, exit 0 or a JSON log line
 *   schema-engine --datamodels <file>... --datasource <json>          JSON-RPC 2.0, one message per line on stdio
 * Datasource URLs: postgres://... (PostgreSQL through @prisma/adapter-pg) or pglite:<folder>
 * (the embedded database, e.g. pglite:./.data/pglite). Method names are the wasm engine's.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { lastEnginePanic, openSchemaEngine, readSchemaFiles, type EngineTarget } from "../../server/db/schemaEngine.js";

process.on("uncaughtException", (err) => {
  process.stderr.write(`schema engine (wasm) failed: ${lastEnginePanic() || err.message}\n`);
  process.exit(1);
});

const args = process.argv.slice(2);
const datamodelPaths: string[] = [];
let datasource: { url?: string } = {};
let cliCommand: string | undefined;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--datamodels") while (args[i + 1] && !args[i + 1].startsWith("--")) datamodelPaths.push(args[++i]);
  else if (args[i] === "--datasource") datasource = JSON.parse(args[++i]);
  else if (args[i] === "cli") cliCommand = args[++i];
  else if (args[i] === "--version" || args[i] === "-V") {
    process.stdout.write("schema-engine-cli wasm-shim\n");
    process.exit(0);
  }
}

function log(level: "INFO" | "ERROR", fields: Record<string, unknown>) {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: "schema_engine::logger" })}\n`);
}

async function openTarget(): Promise<{ target: EngineTarget; close(): Promise<void> }> {
  const url = datasource.url ?? "";
  if (/^postgres(ql)?:\/\//.test(url)) return { target: { kind: "pg", connectionString: url }, close: async () => {} };
  const m = /^(pglite|file):(.*)$/.exec(url);
  if (m) {
    const dir = path.resolve(m[2] || "./.data/pglite");
    fs.mkdirSync(dir, { recursive: true });
    const db = new PGlite(dir);
    await db.waitReady;
    return { target: { kind: "pglite", db }, close: () => db.close() };
  }
  throw new Error(`unsupported datasource url (use postgres://... or pglite:<folder>)`);
}

async function canConnect() {
  try {
    const url = datasource.url ?? "";
    if (/^postgres(ql)?:\/\//.test(url)) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query("SELECT 1");
      await c.end();
    } else (await openTarget()).close();
    process.exit(0);
  } catch (err) {
    log("ERROR", { error_code: "P1001", message: `Can't reach database server: ${(err as Error).message}` });
    process.exit(1);
  }
}

async function serve() {
  const { target, close } = await openTarget();
  // Commands such as `migrate diff` start the engine without --datamodels; the wasm engine
  // needs at least one file, so it gets the project's schema folder.
  const datamodels = datamodelPaths.length ? datamodelPaths.map((p) => [p, fs.readFileSync(p, "utf8")] as [string, string]) : readSchemaFiles();
  const { engine } = await openSchemaEngine(target, datamodels);
  const methods = engine as unknown as Record<string, (params: unknown) => Promise<unknown>>;
  // The wasm build refuses evaluateDataLoss on PostgreSQL ("shadow DB must be provided through
  // an external factory"). `migrate dev` only uses it to print data-loss warnings, so we compute
  // the step count from a diff and report no warnings; review generated SQL for DROPs yourself.
  const overrides: Record<string, (params: never) => Promise<unknown>> = {
    evaluateDataLoss: async (params: { migrationsList: unknown; schema: { files: unknown[] } }) => {
      const res = (await engine.diff({
        from: { tag: "migrations", ...(params.migrationsList as object) } as never,
        to: { tag: "schemaDatamodel", files: params.schema.files } as never,
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      })) as { stdout?: string };
      const steps = (res.stdout ?? "").split("\n").filter((l) => /^-- (Create|Alter|Drop|Add|Rename)/.test(l)).length;
      return { migrationSteps: steps, warnings: [], unexecutableSteps: [] };
    },
    // The native engine prints the diff itself through a "print" request to the CLI.
    diff: async (params: never) => {
      const { stdout, ...rest } = (await engine.diff(params)) as { stdout?: string; exitCode: number };
      if (stdout) process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id: printId++, method: "print", params: { content: stdout } })}\n`);
      return rest;
    },
  };
  let printId = 1_000_000;
  const reply = (msg: object) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...msg })}\n`);
  const rl = readline.createInterface({ input: process.stdin });
  let queue = Promise.resolve();
  rl.on("line", (line) => {
    if (!line.trim()) return;
    // One request at a time, in order, as the native engine does.
    queue = queue.then(async () => {
      let req: { id: number; method?: string; params?: unknown };
      try {
        req = JSON.parse(line);
      } catch {
        return reply({ id: null, error: { code: -32700, message: "Parse error" } });
      }
      if (!req.method) return; // the CLI's answer to one of our "print" requests
      const fn = overrides[req.method] ?? methods[req.method];
      if (typeof fn !== "function") return reply({ id: req.id, error: { code: -32601, message: `Method not found: ${req.method}` } });
      try {
        const result = await fn.call(engine, req.params ?? {});
        reply({ id: req.id, result: result ?? null });
      } catch (err) {
        const e = err as Error & { code?: string; meta?: unknown };
        reply({
          id: req.id,
          error: { code: 4466, message: "An error happened. Check the data field for details.", data: { is_panic: false, message: e.message, meta: e.meta ?? null, error_code: e.code ?? null } },
        });
      }
    });
  });
  rl.on("close", () => void queue.then(close).then(() => process.exit(0)));
}

if (cliCommand === "can-connect-to-database") await canConnect();
else if (cliCommand) {
  log("ERROR", { message: `unsupported cli command ${cliCommand}` });
  process.exit(1);
} else await serve();
