import type { RequestHandler } from "express";
import { Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { AppContext } from "../context.js";
import { opsMetrics } from "./ops.js";
import { operationsMetrics } from "../operations/metrics.js";

/**
 * Prometheus metrics (prom-client). One registry per app instance; the gauges are read from
 * the database at scrape time, so every instance reports the same shared state.
 */
export function createMetrics(ctx: AppContext) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "vakt_process_" });
  const http = new Histogram({
    name: "vakt_http_request_duration_seconds",
    help: "HTTP request latency by method, route and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: "vakt_open_incidents", help: "Incidents not closed, by severity", labelNames: ["severity"], registers: [registry],
    async collect() {
      this.reset();
      const rows = await ctx.prisma.$queryRaw<{ severity: string | null; n: number }[]>`
        SELECT severity::text AS severity, count(*)::int AS n FROM "Incident" WHERE status <> 'closed' AND NOT restricted GROUP BY 1`;
      for (const r of rows) this.set({ severity: r.severity ?? "unclassified" }, r.n);
    },
  });
  // Need-to-know: restricted incidents are counted here only, with no label that describes them.
  new Gauge({
    name: "vakt_restricted_incidents", help: "Restricted (need-to-know) incidents not closed", registers: [registry],
    async collect() {
      const [r] = await ctx.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Incident" WHERE status <> 'closed' AND restricted`;
      this.set(r.n);
    },
  });
  new Gauge({
    name: "vakt_obligations", help: "Breach obligations pending and overdue", labelNames: ["state"], registers: [registry],
    async collect() {
      const [r] = await ctx.prisma.$queryRaw<{ pending: number; overdue: number }[]>`
        SELECT count(*)::int AS pending, count(*) FILTER (WHERE "dueAt" < now())::int AS overdue
        FROM "Obligation" WHERE status = 'pending' AND NOT obsolete`;
      this.set({ state: "pending" }, r.pending);
      this.set({ state: "overdue" }, r.overdue);
    },
  });
  new Gauge({
    name: "vakt_follow_ups", help: "Follow-up actions from reviews, open and overdue", labelNames: ["state"], registers: [registry],
    async collect() {
      const [r] = await ctx.prisma.$queryRaw<{ open: number; overdue: number }[]>`
        SELECT count(*)::int AS open, count(*) FILTER (WHERE "dueAt" < now())::int AS overdue FROM "FollowUpAction" WHERE status = 'open'`;
      this.set({ state: "open" }, r.open);
      this.set({ state: "overdue" }, r.overdue);
    },
  });
  new Gauge({
    name: "vakt_outbox_backlog", help: "Mail messages not yet delivered, by status", labelNames: ["status"], registers: [registry],
    async collect() {
      this.reset();
      const rows = await ctx.prisma.$queryRaw<{ status: string; n: number }[]>`
        SELECT status::text AS status, count(*)::int AS n FROM "OutboxMessage" WHERE status <> 'sent' GROUP BY 1`;
      for (const r of rows) this.set({ status: r.status }, r.n);
    },
  });
  opsMetrics(ctx, registry);
  operationsMetrics(ctx, registry);
  const middleware: RequestHandler = (req, res, next) => {
    const end = http.startTimer();
    res.on("finish", () => {
      // The route pattern, not the URL, keeps label cardinality bounded.
      const matched = (req.route as { path?: string } | undefined)?.path;
      const route = matched ? `${req.baseUrl}${matched}` : req.path.startsWith("/api/") ? "unmatched" : "static";
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
  return { registry, middleware };
}
