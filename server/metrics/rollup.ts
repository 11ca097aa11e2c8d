import { Prisma } from "../generated/prisma/client.js";
import type { Prisma as Client } from "../db/client.js";
import type { Range } from "./periods.js";
import { ROLLUPS } from "./statSql.js";

const { sql, raw, join } = Prisma;
const LOCK = 7265421913; // pg_advisory_xact_lock key: one refresh at a time across instances
const DAY = 86400_000;

/** Consecutive days as ranges (a bulk load marks a year of days: one index scan, not 365). */
function dayRanges(days: number[]): Range[] {
  const out: Range[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && last.hi.getTime() === d) last.hi = new Date(d + DAY);
    else out.push({ lo: new Date(d), hi: new Date(d + DAY) });
  }
  return out;
}

type Rollup = (typeof ROLLUPS)[number];
type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];

const monthOf = (t: number) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); };
const q = (name: string) => raw(`"${name}"`);

/**
 * Brings the roll-ups up to date: the days marked stale by the triggers (see the migration
 * dashboard_rollups) are recomputed from the source rows with the same SQL that answers partial
 * days (statSql.ts), then their months are brought level. Only the marks read
 * here are deleted: a mark committed meanwhile stays for the next refresh, so nothing is lost.
 * Derived data, so not audited. Returns how many days were recomputed.
 */
export async function refreshRollups(prisma: Client): Promise<number> {
  const pending = await prisma.$queryRaw<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM "StatDirtyDay") AS any`;
  if (!pending[0].any) return 0;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK})`;
    const marks = await tx.$queryRaw<{ id: bigint; day: Date }[]>`SELECT id, day FROM "StatDirtyDay"`;
    if (!marks.length) return 0;
    const days = [...new Set(marks.map((m) => m.day.getTime()))].sort((a, b) => a - b);
    const months = [...new Set(days.map(monthOf))];
    const dayList = days.map((d) => new Date(d).toISOString());
    const monthList = months.map((m) => new Date(m).toISOString());
    const monthEnds = months.map((m) => { const d = new Date(m); return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString(); });
    const ranges = dayRanges(days);
    for (const r of ROLLUPS) {
      const colList = join([...r.keys, ...r.sums, ...r.maxes, ...r.concats].map(q));
      const additive = !r.maxes.length && !r.concats.length;
      if (additive) await addDaysToMonths(tx, r, dayList, monthList, -1);
      await tx.$executeRaw`DELETE FROM ${q(r.table)} WHERE grain = 'day' AND start = ANY(${dayList}::timestamp[])`;
      await tx.$executeRaw`INSERT INTO ${q(r.table)} (grain, start, ${colList}) SELECT 'day', start, ${colList} FROM (${r.sql(ranges)}) s`;
      if (additive) await addDaysToMonths(tx, r, dayList, monthList, 1);
      else await resumMonths(tx, r, monthList, monthEnds);
    }
    await tx.$executeRaw`DELETE FROM "StatDirtyDay" WHERE id = ANY(${marks.map((m) => m.id.toString())}::bigint[])`;
    return days.length;
  }, { timeout: 600_000, maxWait: 60_000 });
}

/**
 * Sums-only tables: the months take the given days' rows off (before the days are recomputed)
 * or add them on (after), so a write costs its day, not a month of day rows.
 */
async function addDaysToMonths(tx: Tx, r: Rollup, dayList: string[], monthList: string[], sign: 1 | -1) {
  const keys = r.keys.map(q);
  const sums = join(r.sums.map((c) => sql`${sign}::int * sum(${q(c)})`));
  const days = sql`SELECT date_trunc('month', start) AS start, ${join([...keys, sums])} FROM ${q(r.table)}
    WHERE grain = 'day' AND start = ANY(${dayList}::timestamp[]) GROUP BY ${join([sql`1`, ...keys])}`;
  const cols = join([...r.keys, ...r.sums].map(q));
  const set = join(r.sums.map((c) => sql`${q(c)} = ${q(r.table)}.${q(c)} + EXCLUDED.${q(c)}`));
  await tx.$executeRaw`
    INSERT INTO ${q(r.table)} (grain, start, ${cols}) SELECT 'month', d.* FROM (${days}) d
    ON CONFLICT (grain, start${raw(r.keys.map((k) => `, "${k}"`).join(""))}) DO UPDATE SET ${set}`;
  if (sign > 0)
    await tx.$executeRaw`DELETE FROM ${q(r.table)} WHERE grain = 'month' AND start = ANY(${monthList}::timestamp[]) AND ${join(r.sums.map((c) => sql`${q(c)} = 0`), " AND ")}`;
}

/** Tables with maxima or arrays: their months are summed again from all their days. */
async function resumMonths(tx: Tx, r: Rollup, monthList: string[], monthEnds: string[]) {
  const keys = r.keys.map(q);
  const aggregates = [...r.sums.map((c) => sql`sum(${q(c)})`), ...r.maxes.map((c) => sql`max(${q(c)})`), ...r.concats.map((c) => sql`vakt_array_cat_agg(${q(c)})`)];
  await tx.$executeRaw`DELETE FROM ${q(r.table)} WHERE grain = 'month' AND start = ANY(${monthList}::timestamp[])`;
  await tx.$executeRaw`
    INSERT INTO ${q(r.table)} (grain, start, ${join([...r.keys, ...r.sums, ...r.maxes, ...r.concats].map(q))})
    SELECT 'month', date_trunc('month', start), ${join([...keys, ...aggregates])}
    FROM ${q(r.table)}
    WHERE grain = 'day' AND start >= ${monthList[0]}::timestamp AND start < ${monthEnds[monthEnds.length - 1]}::timestamp
      AND date_trunc('month', start) = ANY(${monthList}::timestamp[])
    GROUP BY ${join([sql`2`, ...keys])}`;
}
