import { timingSafeEqual } from "node:crypto";
import { Router } from "express";
import { z } from "zod";
import { can } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { ForbiddenError, UnauthorizedError, ValidationError } from "../http/errors.js";
import type { Registry } from "prom-client";
import { metricsSummary } from "./summary.js";

const SummaryQuery = z.object({
  /** Start of the period (detectedAt), default one year ago. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** End of the period (exclusive), default now. */
  to: z.iso.datetime({ offset: true }).optional(),
});

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function metricsRoutes(app: AppContext, registry: Registry): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/metrics/summary", tag: "metrics", summary: "Dashboard numbers for a period", auth: "metrics.read", query: SummaryQuery,
    handler: async ({ query }) => {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 365 * 86400_000);
      if (from >= to) throw ValidationError.field("query.from", "must be before to");
      return metricsSummary(app.prisma, from, to);
    },
  });
  // Prometheus scrape: with METRICS_TOKEN set, `Authorization: Bearer <METRICS_TOKEN>`;
  // otherwise a signed-in user with metrics.read.
  router.get("/metrics", async (req, res, next) => {
    try {
      const token = app.config.METRICS_TOKEN;
      const bearer = req.headers.authorization?.startsWith("Bearer ") ? req.headers.authorization.slice(7).trim() : "";
      if (token && bearer) {
        if (!same(bearer, token)) throw new UnauthorizedError("Invalid metrics token.");
      } else if (!req.actor) throw new UnauthorizedError();
      else if (!can(req.actor.role, "metrics.read")) throw new ForbiddenError();
      res.setHeader("content-type", registry.contentType);
      res.send(await registry.metrics());
    } catch (err) {
      next(err);
    }
  });
  return router;
}
