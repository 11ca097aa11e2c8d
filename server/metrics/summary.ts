import type { Prisma } from "../db/client.js";

const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);

/**
 * The dashboard's numbers for incidents detected in [from, to): counts by category, severity
 * and month; median and p90 hours to triage and to resolve (percentile_cont in SQL, so 100k
 * incidents are summarised in the database); obligations met on time; per-controller history.
 * Hours come from date_part (double precision): extract() returns numeric, and sorting and
 * dividing numerics for the percentiles took most of the time at 100k incidents. Months are
 * grouped on the timestamp and formatted once per month, not once per incident.
 */
export async function metricsSummary(prisma: Prisma, from: Date, to: Date) {
  const [byCategory, bySeverity, byMonth, durations, obligations, perOrganization, open, followUps] = await Promise.all([
    prisma.$queryRaw<{ key: string | null; count: number }[]>`
      SELECT category AS key, count(*)::int AS count FROM "Incident" WHERE "detectedAt" >= ${from} AND "detectedAt" < ${to} GROUP BY 1 ORDER BY 2 DESC, 1`,
    prisma.$queryRaw<{ key: string | null; count: number }[]>`
      SELECT severity::text AS key, count(*)::int AS count FROM "Incident" WHERE "detectedAt" >= ${from} AND "detectedAt" < ${to} GROUP BY severity ORDER BY severity`,
    prisma.$queryRaw<{ key: string; count: number }[]>`
      SELECT to_char(month, 'YYYY-MM') AS key, count FROM (
        SELECT date_trunc('month', "detectedAt") AS month, count(*)::int AS count
        FROM "Incident" WHERE "detectedAt" >= ${from} AND "detectedAt" < ${to} GROUP BY 1) m ORDER BY month`,
    prisma.$queryRaw<{ triage_median: number | null; triage_p90: number | null; resolve_median: number | null; resolve_p90: number | null; triaged: number; resolved: number }[]>`
      SELECT
        percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', "triagedAt" - "detectedAt") / 3600) FILTER (WHERE "triagedAt" IS NOT NULL) AS triage_median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY date_part('epoch', "triagedAt" - "detectedAt") / 3600) FILTER (WHERE "triagedAt" IS NOT NULL) AS triage_p90,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', "resolvedAt" - "detectedAt") / 3600) FILTER (WHERE "resolvedAt" IS NOT NULL) AS resolve_median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY date_part('epoch', "resolvedAt" - "detectedAt") / 3600) FILTER (WHERE "resolvedAt" IS NOT NULL) AS resolve_p90,
        count("triagedAt")::int AS triaged, count("resolvedAt")::int AS resolved
      FROM "Incident" WHERE "detectedAt" >= ${from} AND "detectedAt" < ${to}`,
    prisma.$queryRaw<{ done: number; on_time: number; pending: number; overdue: number; waived: number }[]>`
      SELECT count(*) FILTER (WHERE o.status = 'done')::int AS done,
             count(*) FILTER (WHERE o.status = 'done' AND o."satisfiedAt" <= o."dueAt")::int AS on_time,
             count(*) FILTER (WHERE o.status = 'pending')::int AS pending,
             count(*) FILTER (WHERE o.status = 'pending' AND o."dueAt" < now())::int AS overdue,
             count(*) FILTER (WHERE o.status = 'waived')::int AS waived
      FROM "Obligation" o JOIN "Incident" i ON i.id = o."incidentId"
      WHERE NOT o.obsolete AND i."detectedAt" >= ${from} AND i."detectedAt" < ${to}`,
    prisma.$queryRaw<{ id: string; name: string; incidents: number; notices_due: number; notices_on_time: number }[]>`
      SELECT org.id, org.name, count(DISTINCT io."incidentId")::int AS incidents,
             count(o.id) FILTER (WHERE o.code = 'gdpr-33-2')::int AS notices_due,
             count(o.id) FILTER (WHERE o.code = 'gdpr-33-2' AND o.status = 'done' AND o."satisfiedAt" <= o."dueAt")::int AS notices_on_time
      FROM "Organization" org
      JOIN "IncidentOrganization" io ON io."organizationId" = org.id
      JOIN "Incident" i ON i.id = io."incidentId" AND i."detectedAt" >= ${from} AND i."detectedAt" < ${to}
      LEFT JOIN "Obligation" o ON o."incidentId" = io."incidentId" AND o."organizationId" = org.id AND NOT o.obsolete
      GROUP BY org.id, org.name ORDER BY incidents DESC, org.name`,
    prisma.$queryRaw<{ open: number }[]>`SELECT count(*)::int AS open FROM "Incident" WHERE status <> 'closed'`,
    // Follow-up actions as they stand now, across all incidents.
    prisma.$queryRaw<{ open: number; overdue: number; done: number }[]>`
      SELECT count(*) FILTER (WHERE status = 'open')::int AS open,
             count(*) FILTER (WHERE status = 'open' AND "dueAt" < now())::int AS overdue,
             count(*) FILTER (WHERE status = 'done')::int AS done
      FROM "FollowUpAction"`,
  ]);
  const d = durations[0];
  const o = obligations[0];
  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    openIncidents: open[0].open,
    byCategory: byCategory.map((r) => ({ key: r.key ?? "unclassified", count: r.count })),
    bySeverity: bySeverity.map((r) => ({ key: r.key ?? "unclassified", count: r.count })),
    byMonth,
    timeToTriageHours: { median: num(d.triage_median), p90: num(d.triage_p90), count: d.triaged },
    timeToResolveHours: { median: num(d.resolve_median), p90: num(d.resolve_p90), count: d.resolved },
    obligations: { ...o, onTimePercent: o.done ? Math.round((1000 * o.on_time) / o.done) / 10 : null },
    followUps: followUps[0],
    // Notice acknowledgement times join here once controller notices (issue 4) have a table.
    perOrganization: perOrganization.map((r) => ({ id: r.id, name: r.name, incidents: r.incidents, noticesDue: r.notices_due, noticesOnTime: r.notices_on_time })),
  };
}
