import { Prisma } from "../generated/prisma/client.js";
import { DURATION_BOUNDS, type Bounds } from "./buckets.js";
import type { Range } from "./periods.js";

/**
 * The dashboard's figures per UTC day of detection, computed from the source rows of the
 * incidents detected in `ranges`. The same SQL fills the day roll-ups (server/metrics/rollup.ts,
 * for the days marked stale) and answers the parts of a day at either end of a requested period
 * (server/metrics/summary.ts), so both always agree. Column names match the roll-up tables.
 */
const { sql, join } = Prisma;
type Sql = Prisma.Sql;
const iso = (d: Date) => d.toISOString();

/**
 * The incidents `i` detected in any of the ranges, restricted ones left out (need-to-know: the
 * dashboard is shared by everyone who may read metrics), as a condition with the bounds as parameters:
 * the planner then sees the real bounds and reads each range through the detectedAt index (an
 * unnest() of the bounds hid them from it, and it scanned every incident instead).
 */
function detectedIn(ranges: Range[]): Sql {
  const live = ranges.filter((r) => r.lo < r.hi);
  if (!live.length) return sql`false`;
  return sql`NOT i.restricted AND (${join(live.map((r) => sql`(i."detectedAt" >= ${iso(r.lo)}::timestamp AND i."detectedAt" < ${iso(r.hi)}::timestamp)`), " OR ")})`;
}

const day = sql`date_trunc('day', i."detectedAt")`;
const bounds = (b: Bounds) => sql`${[...b]}::float8[]`;

export const statSql = {
  incidentCounts: (ranges: Range[]) => sql`
    SELECT ${day} AS start, coalesce(i.category, '') AS category, coalesce(i.severity::text, '') AS severity, i.status::text AS status, count(*)::int AS n
    FROM "Incident" i WHERE ${detectedIn(ranges)} GROUP BY 1, 2, 3, 4`,

  durations: (ranges: Range[]) => sql`
    SELECT ${day} AS start, k.kind, width_bucket(k.hours, ${bounds(DURATION_BOUNDS)}) AS bucket, count(*)::int AS n
    FROM "Incident" i, LATERAL (VALUES ('triage', i."triageHours"), ('resolve', i."resolveHours")) k(kind, hours)
    WHERE ${detectedIn(ranges)} AND k.hours IS NOT NULL GROUP BY 1, 2, 3`,

  obligations: (ranges: Range[]) => sql`
    SELECT ${day} AS start, sum(o.done)::int AS done, sum(o.on_time)::int AS "onTime", sum(o.waived)::int AS waived, sum(o.pending)::int AS pending
    FROM "Incident" i CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE o.status = 'done') AS done, count(*) FILTER (WHERE o.status = 'done' AND o."satisfiedAt" <= o."dueAt") AS on_time,
             count(*) FILTER (WHERE o.status = 'waived') AS waived, count(*) FILTER (WHERE o.status = 'pending') AS pending
      FROM "Obligation" o WHERE o."incidentId" = i.id AND NOT o.obsolete) o
    WHERE ${detectedIn(ranges)} GROUP BY 1 HAVING count(*) FILTER (WHERE o.done + o.waived + o.pending > 0) > 0`,

  /**
   * Per (day, controller): pairs, Art. 33(2) obligations due / on time, notices sent / acknowledged,
   * slowest acknowledgement. The per-pair figures are LATERAL aggregates, so each pair is looked up
   * by index: a join let the planner scan every obligation and notice for a day's few pairs.
   */
  organizations: (ranges: Range[]) => sql`
    SELECT ${day} AS start, io."organizationId", count(*)::int AS incidents,
           sum(d.due)::int AS "noticesDue", sum(d.on_time)::int AS "noticesOnTime",
           sum(s.sent)::int AS "noticesSent", sum(s.acknowledged)::int AS "noticesAcknowledged", max(s.ack_max) AS "ackMaxHours",
           vakt_array_cat_agg(s.acks) AS "ackHours"
    FROM "Incident" i JOIN "IncidentOrganization" io ON io."incidentId" = i.id
    CROSS JOIN LATERAL (
      SELECT count(*) AS due, count(*) FILTER (WHERE o.status = 'done' AND o."satisfiedAt" <= o."dueAt") AS on_time
      FROM "Obligation" o
      WHERE o."incidentId" = io."incidentId" AND o."organizationId" = io."organizationId" AND NOT o.obsolete AND o.code = 'gdpr-33-2') d
    CROSS JOIN LATERAL (
      SELECT count(n."sentAt") AS sent, count(n."acknowledgedAt") AS acknowledged, max(n."ackHours") AS ack_max,
             coalesce(array_agg(n."ackHours") FILTER (WHERE n."ackHours" IS NOT NULL), '{}') AS acks
      FROM "Notice" n WHERE n."incidentId" = io."incidentId" AND n."organizationId" = io."organizationId") s
    WHERE ${detectedIn(ranges)} GROUP BY 1, 2`,
};

/** Each roll-up table, its key columns and value columns, and how a month adds up its days (sum, max, or arrays joined). */
export const ROLLUPS = [
  { table: "IncidentCountStat", sql: statSql.incidentCounts, keys: ["category", "severity", "status"], sums: ["n"], maxes: [], concats: [] },
  { table: "DurationStat", sql: statSql.durations, keys: ["kind", "bucket"], sums: ["n"], maxes: [], concats: [] },
  { table: "ObligationStat", sql: statSql.obligations, keys: [], sums: ["done", "onTime", "waived", "pending"], maxes: [], concats: [] },
  {
    table: "OrganizationStat", sql: statSql.organizations, keys: ["organizationId"],
    sums: ["incidents", "noticesDue", "noticesOnTime", "noticesSent", "noticesAcknowledged"], maxes: ["ackMaxHours"], concats: ["ackHours"],
  },
] as const;
