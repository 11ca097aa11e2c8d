import { Prisma } from "../generated/prisma/client.js";
import type { Prisma as Client } from "../db/client.js";
import { dayAround, promoteLoneDays, splitPeriod, type PeriodParts, type Range } from "./periods.js";
import { percentile } from "../../shared/stats.js";
import { DURATION_BOUNDS, bucketOf } from "./buckets.js";
import { planPercentiles, type BucketCount, type BucketPick } from "./percentile.js";
import { refreshRollups } from "./rollup.js";
import { statSql } from "./statSql.js";

const { sql, raw, join } = Prisma;
const SEVERITY_ORDER = ["low", "medium", "high", "critical", ""];
const FAR = 1e300; // stands for an unbounded side of a bucket

const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);
const earliest = (...ds: (Date | null)[]) => Math.min(...ds.map((d) => (d ? d.getTime() : Infinity)));
const iso = (d: Date) => d.toISOString();

const live = (r: Range) => r.lo < r.hi;
const within = (column: string, ranges: Range[]) =>
  ranges.length ? join(ranges.map((r) => sql`(${raw(column)} >= ${iso(r.lo)}::timestamp AND ${raw(column)} < ${iso(r.hi)}::timestamp)`), " OR ") : sql`false`;

/**
 * Rows of one roll-up table for the period: whole months and whole days from the roll-ups, the
 * remaining partial days computed from the incidents by the same SQL (statSql.ts).
 */
function rolled(table: string, cols: string, part: PeriodParts, rawSql: (ranges: Range[]) => Prisma.Sql): Prisma.Sql {
  const months = [part.months].filter(live);
  const days = part.days.filter(live);
  return sql`
    SELECT ${raw(cols)} FROM ${raw(`"${table}"`)}
    WHERE (grain = 'month' AND (${within("start", months)})) OR (grain = 'day' AND (${within("start", days)}))
    UNION ALL SELECT ${raw(cols)} FROM (${rawSql(part.raw.filter(live))}) e`;
}

/** Splits the period, serving a partial day from its day roll-up when the rest of that day holds no incident. */
async function periodParts(prisma: Client, from: Date, to: Date): Promise<PeriodParts> {
  const part = splitPeriod(from, to);
  const edges = part.raw.filter(live);
  if (!edges.length) return part;
  const checks = edges.map((r) => sql`NOT EXISTS (SELECT 1 FROM "Incident" i WHERE ${within(`i."detectedAt"`, dayAround(r).outside)})`);
  const [row] = await prisma.$queryRaw<{ alone: boolean[] }[]>`SELECT ARRAY[${join(checks)}] AS alone`;
  return promoteLoneDays({ ...part, raw: edges }, row.alone);
}

/** Values lo <= column < hi for each picked bucket (unbounded sides left out), as one condition. */
function inBuckets(column: Prisma.Sql, picks: BucketPick[]) {
  return join(picks.map((p) => sql`(${column} >= ${p.lo ?? -FAR}::float8 AND ${column} < ${p.hi ?? FAR}::float8)`), " OR ");
}

/** The values of the picked buckets of a duration column, for incidents detected in [from, to). */
async function durationValues(prisma: Client, column: "triageHours" | "resolveHours", picks: BucketPick[], from: Date, to: Date) {
  if (!picks.length) return new Map<number, number[]>();
  const c = raw(`i."${column}"`);
  const rows = await prisma.$queryRaw<{ v: number }[]>`
    SELECT ${c} AS v FROM "Incident" i
    WHERE (${inBuckets(c, picks)}) AND NOT i.restricted AND i."detectedAt" >= ${from} AND i."detectedAt" < ${to}`;
  return groupValues(rows.map((r) => [bucketOf(DURATION_BOUNDS, r.v), r.v]));
}

function groupValues(pairs: [number, number][]) {
  const out = new Map<number, number[]>();
  for (const [k, v] of pairs) (out.get(k) ?? out.set(k, []).get(k)!).push(v);
  return out;
}

/**
 * The dashboard's figures for incidents detected in [from, to): counts by category, severity and
 * month; median and p90 hours to triage and to resolve; obligations met on time; per-controller
 * history (incidents, Art. 33(2) notices due and on time, notices sent and acknowledged, median and
 * longest hours from sending to acknowledgement, the median over the rolled-up durations
 * themselves: a controller gets few notices); open incidents and follow-ups as they stand now.
 *
 * Read from roll-ups kept per UTC day and month (rollup.ts), refreshed first for the days any write
 * touched, so the answer is exact and equal to computing everything from the rows
 * (tests/helpers/summaryReference.ts, compared in rollup.test.ts). Percentiles are exact too: the
 * duration histograms say which bucket each needed rank falls in, and only that bucket's values are
 * read, through an index on the duration (percentile.ts).
 *
 * `changesAt` is the first instant after which a now()-dependent figure (overdue obligations
 * and follow-ups) changes without any write: the next pending due date, by the database clock.
 */
export async function computeSummary(prisma: Client, from: Date, to: Date) {
  await refreshRollups(prisma);
  const part = await periodParts(prisma, from, to);
  const [counts, open, durations, obligations, pending, organizations, followUps] = await Promise.all([
    prisma.$queryRaw<{ month: string | null; category: string | null; severity: string | null; n: number }[]>`
      SELECT CASE WHEN GROUPING(month) = 0 THEN month END AS month, CASE WHEN GROUPING(category) = 0 THEN category END AS category,
             CASE WHEN GROUPING(severity) = 0 THEN severity END AS severity, sum(n)::int AS n
      FROM (SELECT to_char(start, 'YYYY-MM') AS month, category, severity, n
            FROM (${rolled("IncidentCountStat", "start, category, severity, n", part, statSql.incidentCounts)}) c) s
      GROUP BY GROUPING SETS ((category), (severity), (month))`,
    prisma.$queryRaw<{ open: number }[]>`
      SELECT coalesce(sum(n), 0)::int AS open FROM "IncidentCountStat" WHERE grain = 'month' AND status <> 'closed'`,
    prisma.$queryRaw<{ kind: string; bucket: number; n: number }[]>`
      SELECT kind, bucket, sum(n)::int AS n FROM (${rolled("DurationStat", "kind, bucket, n", part, statSql.durations)}) d GROUP BY 1, 2`,
    prisma.$queryRaw<{ done: number; on_time: number; waived: number; pending: number }[]>`
      SELECT coalesce(sum(done), 0)::int AS done, coalesce(sum("onTime"), 0)::int AS on_time, coalesce(sum(waived), 0)::int AS waived,
             coalesce(sum(pending), 0)::int AS pending
      FROM (${rolled("ObligationStat", `done, "onTime", waived, pending`, part, statSql.obligations)}) o`,
    // Which pending obligations are overdue changes with the clock: the roll-ups count the pending
    // ones, and those not yet due (few: only live incidents have them) are read as they stand.
    prisma.$queryRaw<{ not_due: number; next_due: Date | null }[]>`
      SELECT count(*)::int AS not_due, min(o."dueAt") AS next_due
      FROM "Obligation" o JOIN "Incident" i ON i.id = o."incidentId"
      WHERE o.status = 'pending' AND o."dueAt" >= now() AND NOT o.obsolete AND NOT i.restricted AND i."detectedAt" >= ${from} AND i."detectedAt" < ${to}`,
    prisma.$queryRaw<{ id: string; name: string; incidents: number; due: number; on_time: number; sent: number; acknowledged: number; ack_max: number | null; acks: number[] }[]>`
      SELECT org.id, org.name, sum(s.incidents)::int AS incidents, sum(s."noticesDue")::int AS due, sum(s."noticesOnTime")::int AS on_time,
             sum(s."noticesSent")::int AS sent, sum(s."noticesAcknowledged")::int AS acknowledged, max(s."ackMaxHours") AS ack_max,
             vakt_array_cat_agg(s."ackHours") AS acks
      FROM (${rolled("OrganizationStat", `"organizationId", incidents, "noticesDue", "noticesOnTime", "noticesSent", "noticesAcknowledged", "ackMaxHours", "ackHours"`, part, statSql.organizations)}) s
      JOIN "Organization" org ON org.id = s."organizationId"
      GROUP BY org.id, org.name ORDER BY incidents DESC, org.name`,
    // Follow-up actions as they stand now, across all incidents but restricted ones.
    prisma.$queryRaw<{ open: number; overdue: number; done: number; next_due: Date | null }[]>`
      SELECT count(*) FILTER (WHERE f.status = 'open')::int AS open,
             count(*) FILTER (WHERE f.status = 'open' AND f."dueAt" < now())::int AS overdue,
             count(*) FILTER (WHERE f.status = 'done')::int AS done,
             min(f."dueAt") FILTER (WHERE f.status = 'open' AND f."dueAt" >= now()) AS next_due
      FROM "FollowUpAction" f JOIN "Incident" i ON i.id = f."incidentId" WHERE NOT i.restricted`,
  ]);

  const [triage, resolve] = await Promise.all([
    percentiles(durations.filter((d) => d.kind === "triage"), (picks) => durationValues(prisma, "triageHours", picks, from, to)),
    percentiles(durations.filter((d) => d.kind === "resolve"), (picks) => durationValues(prisma, "resolveHours", picks, from, to)),
  ]);

  const byKey = (pick: (r: (typeof counts)[number]) => string | null) =>
    counts.filter((r) => pick(r) !== null).map((r) => ({ key: pick(r)!, count: r.n }));
  const label = (key: string) => key || "unclassified";
  const byCategory = byKey((r) => r.category)
    .sort((a, b) => b.count - a.count || (a.key === "" ? 1 : b.key === "" ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => ({ key: label(r.key), count: r.count }));
  const bySeverity = byKey((r) => r.severity)
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.key) - SEVERITY_ORDER.indexOf(b.key))
    .map((r) => ({ key: label(r.key), count: r.count }));
  const byMonth = byKey((r) => r.month).sort((a, b) => (a.key < b.key ? -1 : 1));
  const o = obligations[0];
  const p = pending[0];
  const { next_due: followUpDue, ...f } = followUps[0];
  const summary = {
    period: { from: from.toISOString(), to: to.toISOString() },
    openIncidents: open[0].open,
    byCategory,
    bySeverity,
    byMonth,
    timeToTriageHours: { median: num(triage.values[0]), p90: num(triage.values[1]), count: triage.total },
    timeToResolveHours: { median: num(resolve.values[0]), p90: num(resolve.values[1]), count: resolve.total },
    obligations: {
      // max(0, ...): the two reads may straddle a write (only that request: the cache is stamped before).
      done: o.done, on_time: o.on_time, pending: o.pending, overdue: Math.max(0, o.pending - p.not_due), waived: o.waived,
      onTimePercent: o.done ? Math.round((1000 * o.on_time) / o.done) / 10 : null,
    },
    followUps: f,
    perOrganization: organizations.map((r) => ({
      id: r.id, name: r.name, incidents: r.incidents, noticesDue: r.due, noticesOnTime: r.on_time,
      noticesSent: r.sent, noticesAcknowledged: r.acknowledged,
      acknowledgedHours: { median: num(percentile(r.acks, 0.5)), max: num(r.ack_max) },
    })),
  };
  return { summary, changesAt: earliest(p.next_due, followUpDue) };
}

/** Median and p90 of one duration histogram, reading back only the buckets the ranks fall in. */
async function percentiles(histogram: BucketCount[], read: (picks: BucketPick[]) => Promise<Map<number, number[]>>) {
  const plan = planPercentiles(histogram, [0.5, 0.9], DURATION_BOUNDS);
  return { total: plan.total, values: plan.finish(await read(plan.picks)) };
}

export type MetricsSummary = Awaited<ReturnType<typeof computeSummary>>["summary"];
