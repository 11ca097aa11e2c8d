import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { emptyResponse, IdParams, route } from "../http/route.js";
import { auditActor } from "../auth/middleware.js";
import { CreateRoutingRuleBody, ReorderRoutingRulesBody, RoutingRuleView, UpdateRoutingRuleBody } from "../../shared/schemas/routing.js";
import { createRule, deleteRule, listRules, reorderRules, updateRule } from "./service.js";

const RuleList = z.object({ items: z.array(RoutingRuleView) });

/** Alert routing rules (administrators): evaluated in order, first match wins. docs/alerts.md */
export function routingRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/routing-rules", tag: "alerts", summary: "Alert routing rules in evaluation order (first match wins)",
    auth: "alertSource.manage", response: RuleList,
    handler: async () => ({ items: await listRules(app.prisma) }),
  });
  route(router, app, {
    method: "post", path: "/api/routing-rules", tag: "alerts", summary: "Add a routing rule (evaluated after the existing ones)",
    auth: "alertSource.manage", body: CreateRoutingRuleBody, response: RoutingRuleView, status: 201,
    handler: ({ req, body }) => createRule(app.prisma, { input: body, by: auditActor(req), taxonomy: app.taxonomy }),
  });
  route(router, app, {
    method: "put", path: "/api/routing-rules/order", tag: "alerts", summary: "Put the routing rules in a new evaluation order (every id once)",
    auth: "alertSource.manage", body: ReorderRoutingRulesBody, response: RuleList,
    handler: async ({ req, body }) => ({ items: await reorderRules(app.prisma, { ids: body.ids, by: auditActor(req) }) }),
  });
  route(router, app, {
    method: "patch", path: "/api/routing-rules/:id", tag: "alerts", summary: "Change a routing rule",
    auth: "alertSource.manage", params: IdParams, body: UpdateRoutingRuleBody, response: RoutingRuleView,
    handler: ({ req, params, body }) => updateRule(app.prisma, { id: params.id, input: body, by: auditActor(req), taxonomy: app.taxonomy }),
  });
  route(router, app, {
    method: "delete", path: "/api/routing-rules/:id", tag: "alerts", summary: "Delete a routing rule",
    auth: "alertSource.manage", params: IdParams, response: emptyResponse(), status: 204,
    handler: async ({ req, res, params }) => {
      await deleteRule(app.prisma, { id: params.id, by: auditActor(req) });
      res.status(204).end();
      return undefined;
    },
  });
  return router;
}
