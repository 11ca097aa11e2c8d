import path from "node:path";
import { randomUUID } from "node:crypto";
import express from "express";
import helmet from "helmet";
import cookieParser from "cookie-parser";
import { pinoHttp } from "pino-http";
import type { AppContext } from "./context.js";
import { errorHandler } from "./http/errorHandler.js";
import { webApp } from "./http/webApp.js";
import { NotFoundError } from "./http/errors.js";
import { authenticate } from "./auth/middleware.js";
import { authRoutes } from "./auth/routes.js";
import { oidcRoutes } from "./auth/oidc/routes.js";
import { userRoutes } from "./users/routes.js";
import { settingsRoutes } from "./settings/routes.js";
import { incidentRoutes } from "./incidents/routes.js";
import { incidentAccessRoutes } from "./incidents/accessRoutes.js";
import { auditRoutes } from "./audit/routes.js";
import { taxonomyRoutes } from "./taxonomy/routes.js";
import { healthRoutes } from "./health/routes.js";
import { openApiRoutes } from "./openapi/routes.js";
import { organizationRoutes } from "./organizations/routes.js";
import { breachRoutes } from "./breaches/routes.js";
import { nis2Routes } from "./nis2/routes.js";
import { reportRoutes } from "./reports/routes.js";
import { bundleRoutes } from "./bundles/routes.js";
import { operationsRoutes } from "./operations/routes.js";
import { outboxRoutes } from "./outbox/routes.js";
import { createMetrics } from "./metrics/prometheus.js";
import { metricsRoutes } from "./metrics/routes.js";
import { exportRoutes } from "./exports/routes.js";
import { accessReviewRoutes } from "./users/accessReview.js";
import { reviewRoutes } from "./reviews/routes.js";
import { noticeRoutes } from "./notices/routes.js";
import { portalRoutes } from "./portal/routes.js";
import { subjectRoutes } from "./subjects/routes.js";
import { sessionRoutes } from "./sessions/routes.js";
import { tokenRoutes } from "./tokens/routes.js";
import { mfaRoutes } from "./mfa/routes.js";
import { alertRoutes } from "./alerts/routes.js";
import { alertIntakeRoutes } from "./alerts/intakeRoutes.js";
import { webhookRoutes } from "./webhooks/routes.js";
import { probeRoutes } from "./probes/routes.js";
import { routingRoutes } from "./routing/routes.js";
import { scimRoutes } from "./scim/routes.js";
import { evidenceRoutes } from "./evidence/routes.js";
import { noteRoutes } from "./notes/routes.js";
import { handoffRoutes } from "./handoff/routes.js";
import { playbookRoutes } from "./playbooks/routes.js";
import { liveRoutes } from "./live/routes.js";
import { searchRoutes } from "./search/routes.js";
import { statusRoutes } from "./status/routes.js";

const WEB_DIST = path.resolve(import.meta.dirname, "../dist/web");

export function createApp(ctx: AppContext) {
  const app = express();
  app.disable("x-powered-by");
  // API responses are per-user and change constantly: hashing every body for an ETag costs
  // time on the hottest routes and saves nothing. Static files keep their own ETags.
  app.set("etag", false);
  if (ctx.config.TRUST_PROXY) app.set("trust proxy", ctx.config.TRUST_PROXY);
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const id = (req.headers["x-request-id"] as string | undefined)?.slice(0, 100) || randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "script-src": ["'self'"],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          // No page of Vakt may be framed (clickjacking); X-Frame-Options says the same to old browsers.
          "frame-ancestors": ["'none'"],
        },
      },
      frameguard: { action: "deny" },
    }),
  );
  const metrics = createMetrics(ctx);
  app.use(metrics.middleware);
  app.locals.metricsRegistry = metrics.registry;
  // Alert intake reads its own raw body (signatures cover the exact bytes): before the JSON parser.
  app.use(alertIntakeRoutes(ctx));
  // SCIM reads application/scim+json, has its own bearer token and error schema: before the app's parser and sessions.
  app.use(scimRoutes(ctx));
  app.use(express.json({ limit: "1mb" }));
  app.use(cookieParser());
  app.use(healthRoutes(ctx));
  // API answers hold personal data and per-user state: no browser or proxy cache may keep them.
  app.use("/api", (_req, res, next) => {
    res.setHeader("cache-control", "no-store");
    next();
  });
  app.use(openApiRoutes());
  app.use(authenticate(ctx));
  for (const r of [
    authRoutes,
    userRoutes,
    settingsRoutes,
    taxonomyRoutes,
    incidentRoutes,
    incidentAccessRoutes,
    evidenceRoutes,
    noteRoutes,
    handoffRoutes,
    playbookRoutes,
    liveRoutes,
    searchRoutes,
    auditRoutes,
    organizationRoutes,
    breachRoutes,
    reportRoutes,
    bundleRoutes,
    operationsRoutes,
    outboxRoutes,
    exportRoutes,
    accessReviewRoutes,
    reviewRoutes,
    noticeRoutes,
    portalRoutes,
    subjectRoutes,
    sessionRoutes,
    tokenRoutes,
    nis2Routes,
    oidcRoutes,
    mfaRoutes,
    alertRoutes,
    webhookRoutes,
    probeRoutes,
    routingRoutes,
    statusRoutes,
  ]) app.use(r(ctx));
  app.use(metricsRoutes(ctx, metrics.registry));
  app.use("/api", (_req, _res, next) => next(new NotFoundError("Endpoint")));

  webApp(app, { dir: WEB_DIST, sourceMaps: ctx.config.NODE_ENV !== "production" });
  app.use(errorHandler);
  return app;
}
