import http from "node:http";
import { MetricsSummary } from "../../shared/schemas/metrics.js";
import { timingSafeEqual } from "node:crypto";
import express, { Router, type RequestHandler } from "express";
import { z } from "zod";
import type { Registry } from "prom-client";
import { can } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { errorHandler } from "../http/errorHandler.js";
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from "../http/errors.js";
import { computeSummary } from "./summary.js";
import { SummaryCache } from "./summaryCache.js";
import { mfaOwed } from "../auth/middleware.js";

const SummaryQuery = z.object({
  /** Start of the period (detectedAt), default one year ago. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** End of the period (exclusive), default now. */
  to: z.iso.datetime({ offset: true }).optional(),
});

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * GET /metrics in Prometheus format. With METRICS_TOKEN, `Authorization: Bearer <token>` is
 * accepted; on the main port a signed-in user with metrics.scrape (admins) is too. On the
 * internal METRICS_PORT without a token, the port itself is the protection.
 */
function scrape(app: AppContext, registry: Registry, internal: boolean): RequestHandler {
  return async (req, res, next) => {
    try {
      const token = app.config.METRICS_TOKEN;
      const bearer = req.headers.authorization?.startsWith("Bearer ") ? req.headers.authorization.slice(7).trim() : "";
      if (token && bearer) {
        if (!same(bearer, token)) throw new UnauthorizedError("Invalid metrics token.");
      } else if (internal) {
        if (token) throw new UnauthorizedError("Present the metrics token.");
      } else if (!req.actor) throw new UnauthorizedError();
      else {
        const owed = mfaOwed(req.actor, {}); // a session still owing its second factor reads nothing
        if (owed) throw owed;
        if (!can(req.actor.role, "metrics.scrape")) throw new ForbiddenError();
      }
      res.setHeader("content-type", registry.contentType);
      res.send(await registry.metrics());
    } catch (err) {
      next(err);
    }
  };
}

export function metricsRoutes(app: AppContext, registry: Registry): Router {
  const router = Router();
  const summaries = new SummaryCache(app.prisma);
  route(router, app, {
    method: "get", path: "/api/metrics/summary", tag: "metrics", summary: "Dashboard numbers for a period", auth: "metrics.read", query: SummaryQuery, response: MetricsSummary,
    handler: async ({ query }) => {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 365 * 86400_000);
      if (from >= to) throw ValidationError.field("query.from", "must be before to");
      // A period ending "now" is a new period on every request: nothing to cache.
      return query.to ? summaries.get(from, to) : (await computeSummary(app.prisma, from, to)).summary;
    },
  });
  // With METRICS_PORT the scrape lives only on the internal port.
  if (app.config.METRICS_PORT === undefined) router.get("/metrics", scrape(app, registry, false));
  return router;
}

/** The internal metrics port (METRICS_PORT on METRICS_HOST): GET /metrics and nothing else. */
export async function startMetricsServer(app: AppContext, registry: Registry): Promise<{ url: string; close(): Promise<void> }> {
  const internal = express();
  internal.disable("x-powered-by");
  internal.get("/metrics", scrape(app, registry, true));
  internal.use((_req, _res, next) => next(new NotFoundError("Endpoint")));
  internal.use(errorHandler);
  const server = http.createServer(internal);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(app.config.METRICS_PORT, app.config.METRICS_HOST, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : app.config.METRICS_PORT;
  return {
    url: `http://${app.config.METRICS_HOST}:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
