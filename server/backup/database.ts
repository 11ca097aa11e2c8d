import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { createPglite } from "../db/pglite.js";
import type { Database } from "../db/client.js";
import type { ArchiveWriter } from "./archive.js";
import { BackupError } from "./errors.js";
import { spawnPg } from "./pgTools.js";

export const PGLITE_ENTRY = "database/pglite-datadir.tar";
export const SQL_PART = /^database\/postgres\.sql\.(\d{5})$/;
/** pg_dump output goes into the archive in parts of at most this size, so memory stays bounded. */
const PART_BYTES = 8 * 1024 * 1024;

/** Dumps the database into the archive: PGlite's own data-directory dump, or pg_dump's SQL. */
export async function dumpDatabase(db: Database, w: ArchiveWriter): Promise<void> {
  if (db.kind === "pglite") {
    // A consistent snapshot: PGlite runs one query at a time, and this one is queued like any other.
    const blob = await db.pglite.dumpDataDir("none");
    await w.add(PGLITE_ENTRY, Buffer.from(await blob.arrayBuffer()));
    return;
  }
  // One transaction-consistent snapshot (pg_dump's default); roles and grants are the target's business.
  const { child, done } = spawnPg("pg_dump", db.connectionString, ["--format=plain", "--no-owner", "--no-privileges", "--quote-all-identifiers"]);
  child.stdin!.end();
  let part = 0;
  let chunks: Buffer[] = [];
  let size = 0;
  const flush = async () => {
    await w.add(`database/postgres.sql.${String(part++).padStart(5, "0")}`, Buffer.concat(chunks));
    chunks = [];
    size = 0;
  };
  for await (const c of child.stdout!) {
    chunks.push(c as Buffer);
    size += (c as Buffer).length;
    if (size >= PART_BYTES) await flush();
  }
  await done;
  if (size > 0 || part === 0) await flush();
}

/** Why a target cannot take a restore (null: it is empty). */
export async function postgresNotEmpty(databaseUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect().catch((err) => {
    throw new BackupError(`Cannot connect to the target database: ${(err as Error).message}. Create it first (createdb).`);
  });
  try {
    const { rows } = await client.query<{ n: number }>(`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
      WHERE ns.nspname NOT IN ('pg_catalog', 'information_schema') AND ns.nspname NOT LIKE 'pg_toast%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`);
    return rows[0].n > 0 ? `the database already holds ${rows[0].n} tables, views or sequences` : null;
  } finally {
    await client.end();
  }
}

/**
 * Restores pg_dump's SQL with psql in ONE transaction: should anything fail (a bad statement,
 * or the stream breaking off), psql is killed before COMMIT and the database stays as it was.
 */
export function restorePostgres(databaseUrl: string) {
  const { child, done } = spawnPg("psql", databaseUrl, ["--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--output=/dev/null"]);
  done.catch(() => {}); // observed in finish()/abort()
  return {
    write: async (part: Readable) => {
      await pipeline(part, child.stdin!, { end: false });
    },
    finish: async () => {
      child.stdin!.end();
      await done;
    },
    abort: async () => {
      child.kill("SIGKILL");
      await done.catch(() => {});
    },
  };
}

/** Creates the embedded database in `dataDir`/pglite from a data-directory dump. */
export async function restorePglite(dataDir: string, dump: Buffer): Promise<void> {
  const dir = path.join(dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  const db = createPglite(dir, { loadDataDir: new Blob([new Uint8Array(dump)]) });
  await db.waitReady;
  await db.close();
}
