import { Router } from "express";
import {
  BreachAssessmentBody, BreachDecisionBody, BreachRegisterQuery, CompleteObligationBody, ListObligationsQuery, WaiveObligationBody,
} from "../../shared/schemas/breach.js";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { assessBreach, decideBreach } from "./service.js";
import { completeObligation, waiveObligation } from "./obligations.js";
import { presentBreachView, presentObligation } from "./presenter.js";
import { breachRegister, registerCsv } from "./register.js";
import { findIncidentOr404 } from "../incidents/service.js";

export function breachRoutes(app: AppContext): Router {
  const router = Router();
  const breachView = async (incidentId: string) => {
    const [assessments, decisions, obligations, affected] = await Promise.all([
      app.prisma.breachAssessment.findMany({ where: { incidentId }, orderBy: { version: "desc" } }),
      app.prisma.breachDecision.findMany({ where: { incidentId }, orderBy: { createdAt: "desc" } }),
      app.prisma.obligation.findMany({ where: { incidentId }, orderBy: { dueAt: "asc" } }),
      app.prisma.incidentOrganization.findMany({ where: { incidentId }, include: { organization: true }, orderBy: { organization: { name: "asc" } } }),
    ]);
    if (assessments.length === 0) await findIncidentOr404(app.prisma, incidentId);
    const organizations = affected.map(({ organization: o }) => ({ id: o.id, name: o.name, noticeHours: o.noticeHours, self: o.self }));
    return presentBreachView(assessments, decisions, obligations, organizations);
  };

  route(router, app, {
    method: "put", path: "/api/incidents/:id/breach", tag: "breaches",
    summary: "Assess the personal-data breach: ENISA severity factor by factor and a notification recommendation (every version kept)",
    auth: "breach.assess", params: IdParams, body: BreachAssessmentBody,
    handler: async ({ req, params, body }) => {
      await inTransaction(app.prisma, (tx) => assessBreach(tx, auditActor(req), app.config, params.id, body));
      return breachView(params.id);
    },
  });
  route(router, app, {
    method: "get", path: "/api/incidents/:id/breach", tag: "breaches", summary: "The current assessment (null until the first one, with the next step), its history, decisions and obligations",
    auth: "breach.read", params: IdParams, handler: ({ params }) => breachView(params.id),
  });
  route(router, app, {
    method: "post", path: "/api/incidents/:id/breach/decision", tag: "breaches",
    summary: "Record the notification decision (a rationale is required when it departs from the recommendation)",
    auth: "breach.decide", params: IdParams, body: BreachDecisionBody, status: 201,
    handler: async ({ req, params, body }) => {
      await inTransaction(app.prisma, (tx) => decideBreach(tx, auditActor(req), app.config, params.id, body));
      return breachView(params.id);
    },
  });
  route(router, app, {
    method: "get", path: "/api/incidents/:id/obligations", tag: "breaches", summary: "The incident's obligations with their deadlines",
    auth: "breach.read", params: IdParams,
    handler: async ({ params }) => {
      await findIncidentOr404(app.prisma, params.id);
      return { items: (await app.prisma.obligation.findMany({ where: { incidentId: params.id }, orderBy: { dueAt: "asc" } })).map((o) => presentObligation(o)) };
    },
  });
  route(router, app, {
    method: "get", path: "/api/obligations", tag: "breaches", summary: "Obligations across incidents, soonest due first",
    auth: "breach.read", query: ListObligationsQuery,
    handler: async ({ query }) => {
      const rows = await app.prisma.obligation.findMany({
        where: { obsolete: false, ...(query.status ? { status: query.status } : {}), ...(query.dueBefore ? { dueAt: { lt: new Date(query.dueBefore) } } : {}) },
        orderBy: { dueAt: "asc" },
        take: query.limit,
      });
      const incidents = await app.prisma.incident.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.incidentId))] } }, select: { id: true, reference: true, title: true } });
      const byId = new Map(incidents.map((i) => [i.id, i]));
      return { items: rows.map((o) => ({ ...presentObligation(o), incident: byId.get(o.incidentId) ?? null })) };
    },
  });
  route(router, app, {
    method: "post", path: "/api/obligations/:id/complete", tag: "breaches", summary: "Mark an obligation met", auth: "obligation.manage",
    params: IdParams, body: CompleteObligationBody,
    handler: async ({ req, params, body }) => presentObligation(await inTransaction(app.prisma, (tx) => completeObligation(tx, auditActor(req), app.config, params.id, body))),
  });
  route(router, app, {
    method: "post", path: "/api/obligations/:id/waive", tag: "breaches", summary: "Waive an obligation, with the reason", auth: "obligation.manage",
    params: IdParams, body: WaiveObligationBody,
    handler: async ({ req, params, body }) => presentObligation(await inTransaction(app.prisma, (tx) => waiveObligation(tx, auditActor(req), params.id, body.reason))),
  });
  route(router, app, {
    method: "get", path: "/api/breach-register", tag: "breaches",
    summary: "The Art. 33(5) register: every personal-data incident, notified or not, with decisions and outcomes (JSON or CSV)",
    auth: "register.read", query: BreachRegisterQuery, stepUp: (req) => req.query.format === "csv", stepUpWhen: "CSV export",
    handler: async ({ res, query }) => {
      const entries = await breachRegister(app.prisma, query);
      if (query.format === "json") return { items: entries };
      res.setHeader("content-type", "text/csv; charset=utf-8");
      res.setHeader("content-disposition", `attachment; filename="breach-register.csv"`);
      res.send(registerCsv(entries));
      return undefined;
    },
  });
  return router;
}
