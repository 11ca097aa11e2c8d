import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { IdParams, route } from "../http/route.js";
import { auditActor } from "../auth/middleware.js";
import { CreateProbeBody, ProbeView } from "../../shared/schemas/alert.js";
import { createProbe, presentProbe, setProbeDisabled } from "./service.js";

/** Built-in HTTP(S) and TLS-expiry probes (administrators); results land in the alert queue. docs/alerts.md */
export function probeRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "post", path: "/api/probes", tag: "alerts", summary: "Add a built-in probe (HTTP status or TLS certificate expiry)",
    auth: "alertSource.manage", body: CreateProbeBody, response: ProbeView, status: 201,
    handler: ({ req, body }) => createProbe(app.prisma, { input: body, by: auditActor(req) }),
  });
  route(router, app, {
    method: "get", path: "/api/probes", tag: "alerts", summary: "Built-in probes with their last result", auth: "alertSource.manage",
    response: z.object({ items: z.array(ProbeView) }),
    handler: async () => ({ items: (await app.prisma.probe.findMany({ orderBy: { createdAt: "asc" } })).map(presentProbe) }),
  });
  for (const disabled of [true, false])
    route(router, app, {
      method: "post", path: `/api/probes/:id/${disabled ? "disable" : "enable"}`, tag: "alerts", summary: disabled ? "Stop a probe" : "Run a stopped probe again",
      auth: "alertSource.manage", params: IdParams, response: ProbeView,
      handler: ({ req, params }) => setProbeDisabled(app.prisma, { id: params.id, disabled, by: auditActor(req) }),
    });
  return router;
}
