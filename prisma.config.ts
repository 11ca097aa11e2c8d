import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI would download a native schema engine; ours is a local executable that
// serves the same JSON-RPC from @prisma/schema-engine-wasm, so the CLI works offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma/engine/schema-engine");

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  // Without DATABASE_URL the CLI works on the embedded database, like the app.
  datasource: { url: process.env.DATABASE_URL ?? "pglite:./.data/pglite" },
});
