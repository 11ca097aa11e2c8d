import { Prisma as PrismaNS } from "../generated/prisma/client.js";
import type { Database } from "../db/client.js";

const { raw } = PrismaNS;

/**
 * A read on the hottest request paths (the API-token lookup, the incident list). On the embedded
 * database it goes straight to PGlite's query(), the very call Prisma's PGlite adapter makes for
 * a read outside a transaction, and so skips Prisma's own per-call work (a stack captured for
 * error messages, request and result (de)serialisation): on PGlite that is about a fifth of a
 * list request's CPU time (docs/list-request-profile.md). On PostgreSQL it goes through Prisma.
 *
 * Select timestamps with isoTime() and enums as ::text, so both paths return the same strings.
 */
export async function hotRead<T>(db: Database, query: PrismaNS.Sql): Promise<T[]> {
  // Dates as UTC ISO strings, as Prisma sends them (pg would send local time).
  const values = query.values.map((v) => (v instanceof Date ? v.toISOString() : v));
  if (db.kind === "pglite") return (await db.pglite.query<T>(query.text, values)).rows;
  return (await db.pool.query(query.text, values)).rows as T[];
}

/** A TIMESTAMP(3) column as the ISO string Date.toISOString() would give (Prisma stores UTC). */
export const isoTime = (column: string) => raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
