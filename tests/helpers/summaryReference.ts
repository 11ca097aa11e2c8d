import type { Prisma } from "../../server/db/client.js";

const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
const at = (p: number[] | null, i: number) => num(p?.[i]);
const earliest = (...ds: (Date | null)[]) => Math.min(...ds.map((d) => (d ? d.getTime() : Infinity)));

type CountRow = { dim: "category" | "severity" | "month"; key: string | null; count: number };
type DurationRow = { triage: number[] | null; resolve: number[] | null; triaged: number; resolved: number };
type OrgRow = {
  id: string; name: string; incidents: number; notices_due: number; notices_on_time: number;
  notices_sent: number; notices_acknowledged: number; ack_median: number | null; ack_max: number | null;
};

/**
 * The test oracle for server/metrics/summary.ts: the dashboard's figures computed straight from the
 * source rows (what the summary did before the roll-ups). The roll-up answer must equal it.
 *
 * The dashboard's numbers for incidents detected in [from, to): counts by category, severity
 * and month; median and p90 hours to triage and to resolve (percentile_cont in SQL, so 100k
 * incidents are summarised in the database); obligations met on time; per-controller history
 * (incidents, Art. 33(2) notices due and on time, notices sent and acknowledged, hours from
 * sending to acknowledgement).
 *
 * The period's incidents are read twice, not four times: once for the three counts (one hashed
 * count per category, severity and month, rolled up by GROUPING SETS over those few rows: grouping
 * sets straight over the incidents made PostgreSQL sort them, slower than the scan itself), once
 * for the percentiles (both of a duration from one sort). The percentiles cannot share the
 * grouping-sets query: each ordered-set aggregate would sort every row once per grouping set. Hours come from
 * date_part (double precision): extract() returns numeric, slow to sort and divide at 100k rows.
 *
 * `changesAt` is the first instant after which a now()-dependent figure (overdue obligations
 * and follow-ups) changes without any write: the next pending due date, by the database clock.
 */
export async function referenceSummary(prisma: Prisma, from: Date, to: Date) {
  const [counts, durations, obligations, perOrganization, open, followUps] = await Promise.all([
    prisma.$queryRaw<CountRow[]>`
      SELECT CASE WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(severity) = 0 THEN 'severity' ELSE 'month' END AS dim,
             CASE WHEN GROUPING(category) = 0 THEN category WHEN GROUPING(severity) = 0 THEN severity::text ELSE to_char(month, 'YYYY-MM') END AS key,
             sum(n)::int AS count
      FROM (SELECT category, severity, date_trunc('month', "detectedAt") AS month, count(*) AS n
            FROM "Incident" WHERE "detectedAt" >= ${from} AND "detectedAt" < ${to} GROUP BY 1, 2, 3) g
      GROUP BY GROUPING SETS ((category), (severity), (month))
      ORDER BY 1, CASE WHEN GROUPING(category) = 0 THEN sum(n) ELSE 0 END DESC, severity, 2`,
    prisma.$queryRaw<DurationRow[]>`
      SELECT
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY date_part('epoch', "triagedAt" - "detectedAt") / 3600) FILTER (WHERE "triagedAt" IS NOT NULL) AS triage,
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY date_part('epoch', "resolvedAt" - "detectedAt") / 3600) FILTER (WHERE "resolvedAt" IS NOT NULL) AS resolve,
        count("triagedAt")::int AS triaged, count("resolvedAt")::int AS resolved
      FROM "Incident" WHERE "detectedAt" >= ${from} AND "detectedAt" < ${to}`,
    prisma.$queryRaw<{ done: number; on_time: number; pending: number; overdue: number; waived: number; next_due: Date | null }[]>`
      SELECT count(*) FILTER (WHERE o.status = 'done')::int AS done,
             count(*) FILTER (WHERE o.status = 'done' AND o."satisfiedAt" <= o."dueAt")::int AS on_time,
             count(*) FILTER (WHERE o.status = 'pending')::int AS pending,
             count(*) FILTER (WHERE o.status = 'pending' AND o."dueAt" < now())::int AS overdue,
             count(*) FILTER (WHERE o.status = 'waived')::int AS waived,
             min(o."dueAt") FILTER (WHERE o.status = 'pending' AND o."dueAt" >= now()) AS next_due
      FROM "Obligation" o JOIN "Incident" i ON i.id = o."incidentId"
      WHERE NOT o.obsolete AND i."detectedAt" >= ${from} AND i."detectedAt" < ${to}`,
    prisma.$queryRaw<OrgRow[]>`
      WITH touched AS (
        SELECT io."organizationId" AS org, io."incidentId" AS inc
        FROM "IncidentOrganization" io JOIN "Incident" i ON i.id = io."incidentId" AND i."detectedAt" >= ${from} AND i."detectedAt" < ${to}),
      notices AS (
        SELECT t.org, count(n."sentAt")::int AS sent, count(n."acknowledgedAt")::int AS acknowledged,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', n."acknowledgedAt" - n."sentAt") / 3600) AS ack_median,
               max(date_part('epoch', n."acknowledgedAt" - n."sentAt") / 3600) AS ack_max
        FROM touched t JOIN "Notice" n ON n."incidentId" = t.inc AND n."organizationId" = t.org
        GROUP BY t.org)
      SELECT org.id, org.name, count(DISTINCT t.inc)::int AS incidents,
             count(o.id) FILTER (WHERE o.code = 'gdpr-33-2')::int AS notices_due,
             count(o.id) FILTER (WHERE o.code = 'gdpr-33-2' AND o.status = 'done' AND o."satisfiedAt" <= o."dueAt")::int AS notices_on_time,
             coalesce(min(n.sent), 0)::int AS notices_sent, coalesce(min(n.acknowledged), 0)::int AS notices_acknowledged,
             min(n.ack_median) AS ack_median, min(n.ack_max) AS ack_max
      FROM touched t
      JOIN "Organization" org ON org.id = t.org
      LEFT JOIN "Obligation" o ON o."incidentId" = t.inc AND o."organizationId" = t.org AND NOT o.obsolete
      LEFT JOIN notices n ON n.org = t.org
      GROUP BY org.id, org.name ORDER BY incidents DESC, org.name`,
    prisma.$queryRaw<{ open: number }[]>`SELECT count(*)::int AS open FROM "Incident" WHERE status <> 'closed'`,
    // Follow-up actions as they stand now, across all incidents.
    prisma.$queryRaw<{ open: number; overdue: number; done: number; next_due: Date | null }[]>`
      SELECT count(*) FILTER (WHERE status = 'open')::int AS open,
             count(*) FILTER (WHERE status = 'open' AND "dueAt" < now())::int AS overdue,
             count(*) FILTER (WHERE status = 'done')::int AS done,
             min("dueAt") FILTER (WHERE status = 'open' AND "dueAt" >= now()) AS next_due
      FROM "FollowUpAction"`,
  ]);
  const keyCounts = (dim: CountRow["dim"]) => counts.filter((r) => r.dim === dim).map((r) => ({ key: r.key ?? "unclassified", count: r.count }));
  const d = durations[0];
  const { next_due: obligationDue, ...o } = obligations[0];
  const { next_due: followUpDue, ...f } = followUps[0];
  const summary = {
    period: { from: from.toISOString(), to: to.toISOString() },
    openIncidents: open[0].open,
    byCategory: keyCounts("category"),
    bySeverity: keyCounts("severity"),
    byMonth: keyCounts("month"),
    timeToTriageHours: { median: at(d.triage, 0), p90: at(d.triage, 1), count: d.triaged },
    timeToResolveHours: { median: at(d.resolve, 0), p90: at(d.resolve, 1), count: d.resolved },
    obligations: { ...o, onTimePercent: o.done ? Math.round((1000 * o.on_time) / o.done) / 10 : null },
    followUps: f,
    perOrganization: perOrganization.map((r) => ({
      id: r.id, name: r.name, incidents: r.incidents, noticesDue: r.notices_due, noticesOnTime: r.notices_on_time,
      noticesSent: r.notices_sent, noticesAcknowledged: r.notices_acknowledged,
      acknowledgedHours: { median: num(r.ack_median), max: num(r.ack_max) },
    })),
  };
  return { summary, changesAt: earliest(obligationDue, followUpDue) };
}

