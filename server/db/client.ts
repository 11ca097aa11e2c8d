import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPglite } from "./pglite.js";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";

export type Prisma = PrismaClient;
/** A Prisma client or an interactive-transaction client: what domain commands write through. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export type Database =
  | { kind: "pglite"; prisma: PrismaClient; pglite: PGlite; close(): Promise<void> }
  | { kind: "pg"; prisma: PrismaClient; pool: pg.Pool; connectionString: string; close(): Promise<void> };

export interface DatabaseOptions {
  /** postgres:// URL; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** Folder for the embedded database, or "memory://" for a throw-away one. */
  dataDir: string;
  /** Connection pool size per instance (PostgreSQL). */
  poolSize?: number;
  /** For "memory://": start from this data directory (a `PGlite.dumpDataDir()` tarball) instead of an empty cluster. */
  pgliteDataDir?: Blob;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // One pool, shared by Prisma and the hot reads that skip it (server/http/hotRead.ts).
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    return { kind: "pg", prisma, pool, connectionString: opts.databaseUrl, close: () => prisma.$disconnect() };
  }
  let pglite: PGlite;
  if (opts.dataDir === "memory://") pglite = createPglite(undefined, opts.pgliteDataDir ? { loadDataDir: opts.pgliteDataDir } : {});
  else {
    const dir = path.join(opts.dataDir, "pglite");
    fs.mkdirSync(dir, { recursive: true });
    pglite = createPglite(dir);
  }
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "pglite",
    prisma,
    pglite,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
