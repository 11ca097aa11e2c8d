import { Router } from "express";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { OperationalTargetList, OperationsQuery, OperationsSummary, SeverityParams, UpdateOperationalTargetBody } from "../../shared/schemas/operations.js";
import { operationsSummary } from "./metrics.js";
import { ValidationError } from "../http/errors.js";
import { operationalTargets, updateOperationalTarget } from "./targets.js";

/** The operational targets per severity, shown beside the legal clocks (docs/operations.md). */
export function operationsRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/operational-targets", tag: "operations",
    summary: "Targets per severity: minutes from detection to acknowledgement, owner, containment and resolution", auth: "incident.read",
    response: OperationalTargetList,
    handler: async () => ({ items: await operationalTargets(app.prisma) }),
  });
  route(router, app, {
    method: "put", path: "/api/operational-targets/:severity", tag: "operations",
    summary: "Change one severity's targets (admins; audited, version-checked)", auth: "operations.manage",
    params: SeverityParams, body: UpdateOperationalTargetBody, response: OperationalTargetList,
    handler: async ({ req, params, body }) => {
      await inTransaction(app.prisma, (tx) => updateOperationalTarget(tx, auditActor(req), params.severity, body));
      return { items: await operationalTargets(app.prisma) };
    },
  });
  route(router, app, {
    method: "get", path: "/api/metrics/operations", tag: "operations",
    summary: "Mean time to acknowledge and to resolve per severity and source (default: the last 90 days), and open incidents past each target",
    auth: "metrics.read", query: OperationsQuery, response: OperationsSummary,
    handler: async ({ query }) => {
      const to = query.to ? new Date(query.to) : new Date();
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 90 * 86400_000);
      if (from >= to) throw ValidationError.field("query.from", "must be before to");
      return operationsSummary(app.prisma, from, to);
    },
  });
  return router;
}
