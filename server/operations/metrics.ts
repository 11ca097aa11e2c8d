import { Gauge, type Registry } from "prom-client";
import type { Prisma } from "../db/client.js";
import type { AppContext } from "../context.js";
import type { OperationsSummary } from "../../shared/schemas/operations.js";
import { targetRowsSql } from "./targets.js";

/** At most this many sources get their own group; the rest are "other" (bounded Prometheus labels). */
const TOP_SOURCES = 10;
const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** MTTA and MTTR per severity and source for incidents detected in [from, to). */
export async function operationsSummary(prisma: Prisma, from: Date, to: Date): Promise<OperationsSummary> {
  const rows = await prisma.$queryRaw<{ severity: string; source: string; n: number; acked: number; mtta: number | null; resolved: number; mttr: number | null }[]>`
    WITH i AS (
      SELECT coalesce(severity::text, 'unclassified') AS severity, coalesce(nullif(lower(btrim(source)), ''), 'unspecified') AS source,
             "detectedAt", "triagedAt", "resolvedAt"
      FROM "Incident" WHERE "detectedAt" >= ${from} AND "detectedAt" < ${to}
    ), top AS (SELECT source FROM i GROUP BY source ORDER BY count(*) DESC, source LIMIT ${TOP_SOURCES})
    SELECT severity, CASE WHEN source IN (SELECT source FROM top) THEN source ELSE 'other' END AS source, count(*)::int AS n,
           count("triagedAt")::int AS acked, (avg(EXTRACT(EPOCH FROM ("triagedAt" - "detectedAt"))) / 60)::float8 AS mtta,
           count("resolvedAt")::int AS resolved, (avg(EXTRACT(EPOCH FROM ("resolvedAt" - "detectedAt"))) / 60)::float8 AS mttr
    FROM i GROUP BY 1, 2 ORDER BY 1, 2`;
  const values = await targetRowsSql(prisma);
  const [overdue] = await prisma.$queryRaw<{ acknowledge: number; owner: number; contain: number; resolve: number }[]>`
    WITH t(severity, ack, own, con, res) AS (VALUES ${values})
    SELECT count(*) FILTER (WHERE i."triagedAt" IS NULL AND i."detectedAt" + t.ack * interval '1 minute' < now())::int AS acknowledge,
           count(*) FILTER (WHERE i."ownerId" IS NULL AND i."detectedAt" + t.own * interval '1 minute' < now())::int AS owner,
           count(*) FILTER (WHERE i."containedAt" IS NULL AND i."resolvedAt" IS NULL AND i."detectedAt" + t.con * interval '1 minute' < now())::int AS contain,
           count(*) FILTER (WHERE i."resolvedAt" IS NULL AND i."detectedAt" + t.res * interval '1 minute' < now())::int AS resolve
    FROM "Incident" i JOIN t ON t.severity = coalesce(i.severity::text, 'medium')
    WHERE i.status NOT IN ('resolved', 'closed')`;
  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    groups: rows.map((r) => ({
      severity: r.severity, source: r.source, incidents: r.n,
      acknowledge: { meanMinutes: round(r.mtta), count: r.acked }, resolve: { meanMinutes: round(r.mttr), count: r.resolved },
    })),
    overdueNow: overdue,
  };
}

/** Prometheus: MTTA/MTTR per severity and source over the last 90 days, and open incidents past each target. */
export function operationsMetrics(ctx: AppContext, registry: Registry) {
  const latest = () => operationsSummary(ctx.prisma, new Date(Date.now() - 90 * 86400_000), new Date());
  const mean = (name: string, help: string, pick: (g: OperationsSummary["groups"][number]) => number | null) =>
    new Gauge({
      name, help, labelNames: ["severity", "source"], registers: [registry],
      async collect() {
        this.reset();
        for (const g of (await latest()).groups) {
          const v = pick(g);
          if (v !== null) this.set({ severity: g.severity, source: g.source }, v * 60);
        }
      },
    });
  mean("vakt_incident_mtta_seconds", "Mean time from detection to acknowledgement (triage), incidents detected in the last 90 days", (g) => g.acknowledge.meanMinutes);
  mean("vakt_incident_mttr_seconds", "Mean time from detection to resolution, incidents detected in the last 90 days", (g) => g.resolve.meanMinutes);
  new Gauge({
    name: "vakt_operational_clocks_overdue", help: "Open incidents past their operational target, by clock", labelNames: ["clock"], registers: [registry],
    async collect() {
      this.reset();
      for (const [clock, n] of Object.entries((await latest()).overdueNow)) this.set({ clock }, n);
    },
  });
}
