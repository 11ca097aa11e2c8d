import { Router, type Request } from "express";
import { incidentOf, visibleByIncidentId } from "../incidents/policy.js";
import {
  AwarenessResponse, BreachAssessmentBody, BreachDecisionBody, RecordAwarenessBody, BreachRegisterQuery, CompleteObligationBody, ListObligationsQuery, WaiveObligationBody,
} from "../../shared/schemas/breach.js";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction, onIncidentChanged } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { assessBreach, decideBreach } from "./service.js";
import { completeObligation, waiveObligation } from "./obligations.js";
import { presentBreachView, presentObligation } from "./presenter.js";
import { allRegisterEntries, registerPage } from "./register.js";
import { registerCsv, registerCsvHeader, registerCsvRows, type RegisterReader } from "./registerCsv.js";
import { readerLanguage } from "../http/language.js";
import { refreshRegisterEntries, registerVersions } from "./registerVersions.js";
import { RegisterPage, RegisterVersions } from "../../shared/schemas/register.js";
import { BreachView, ObligationList, ObligationView, ObligationsAcrossIncidents } from "../../shared/schemas/breachViews.js";
import { findIncidentOr404 } from "../incidents/service.js";
import { awarenessOf, markPersonalData, recordAwareness } from "./awareness.js";
import { recomputeObligations } from "./obligations.js";
import { awarenessClock } from "../../shared/breach/awareness.js";
import { ConflictError } from "../http/errors.js";

export function breachRoutes(app: AppContext): Router {
  /** Who reads the CSV: the asked language, else Accept-Language; the asked zone, else the vendor's. */
  const readerOf = (req: Request, query: { lang?: RegisterReader["lang"]; zone?: string }): RegisterReader => ({
    lang: query.lang ?? readerLanguage(req), zone: query.zone ?? app.config.VENDOR_TIME_ZONE,
  });
  const router = Router();
  onIncidentChanged(refreshRegisterEntries);
  const breachView = async (incidentId: string) => {
    const [assessments, decisions, obligations, affected, awareness] = await Promise.all([
      app.prisma.breachAssessment.findMany({ where: { incidentId }, orderBy: { version: "desc" } }),
      app.prisma.breachDecision.findMany({ where: { incidentId }, orderBy: { createdAt: "desc" } }),
      // NIS2 obligations belong to the NIS2 view (GET /api/incidents/:id/nis2).
      app.prisma.obligation.findMany({ where: { incidentId, regime: { not: "NIS2" } }, orderBy: { dueAt: "asc" } }),
      app.prisma.incidentOrganization.findMany({ where: { incidentId }, include: { organization: true }, orderBy: { organization: { name: "asc" } } }),
      awarenessOf(app.prisma, [incidentId]).then((m) => m.get(incidentId) ?? null),
    ]);
    if (assessments.length === 0) await findIncidentOr404(app.prisma, incidentId);
    const organizations = affected.map(({ organization: o }) => ({ id: o.id, name: o.name, noticeHours: o.noticeHours, self: o.self }));
    return presentBreachView(assessments, decisions, obligations, organizations, { awareness });
  };

  route(router, app, {
    method: "put", path: "/api/incidents/:id/breach/awareness", tag: "breaches",
    summary: "Record when we became aware of the personal-data breach, before the first assessment: the GDPR clocks start (a move needs a reason)",
    auth: "breach.assess", params: IdParams, body: RecordAwarenessBody, response: AwarenessResponse,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, async (tx) => {
        await markPersonalData(tx, auditActor(req), params.id);
        if (await tx.breachAssessment.count({ where: { incidentId: params.id } }))
          throw new ConflictError("The breach is assessed: move the awareness time with a new assessment version (awareAt and awareAtChangeReason).");
        const awareAt = body.awareAt ? new Date(body.awareAt) : new Date();
        if ((await recordAwareness(tx, { actor: auditActor(req), role: actor.role, incidentId: params.id, awareAt, reason: body.reason, reasonField: "reason" })).changed)
          await recomputeObligations(tx, auditActor(req), app.config, params.id);
      });
      const awareness = (await awarenessOf(app.prisma, [params.id])).get(params.id)!;
      return { awareness, clock: awarenessClock(awareness.awareAt, false) };
    },
  });

  route(router, app, {
    method: "put", path: "/api/incidents/:id/breach", tag: "breaches",
    summary: "Assess the personal-data breach: ENISA severity factor by factor and a notification recommendation (every version kept)",
    auth: "breach.assess", params: IdParams, body: BreachAssessmentBody, response: BreachView,
    handler: async ({ req, params, body }) => {
      await inTransaction(app.prisma, (tx) => assessBreach(tx, { actor: auditActor(req), role: req.actor!.role }, app.config, params.id, body));
      return breachView(params.id);
    },
  });
  route(router, app, {
    method: "get", path: "/api/incidents/:id/breach", tag: "breaches", summary: "The current assessment (null until the first one, with the next step), its history, decisions and obligations",
    auth: "breach.read", params: IdParams, response: BreachView, handler: ({ params }) => breachView(params.id),
  });
  route(router, app, {
    method: "post", path: "/api/incidents/:id/breach/decision", tag: "breaches",
    summary: "Record the notification decision (a rationale is required when it departs from the recommendation)",
    auth: "breach.decide", params: IdParams, body: BreachDecisionBody, status: 201, response: BreachView,
    handler: async ({ req, params, body }) => {
      await inTransaction(app.prisma, (tx) => decideBreach(tx, auditActor(req), app.config, params.id, body));
      return breachView(params.id);
    },
  });
  route(router, app, {
    method: "get", path: "/api/incidents/:id/obligations", tag: "breaches", summary: "The incident's obligations with their deadlines",
    auth: "breach.read", params: IdParams, response: ObligationList,
    handler: async ({ params }) => {
      await findIncidentOr404(app.prisma, params.id);
      return { items: (await app.prisma.obligation.findMany({ where: { incidentId: params.id }, orderBy: { dueAt: "asc" } })).map((o) => presentObligation(o)) };
    },
  });
  route(router, app, {
    method: "get", path: "/api/obligations", tag: "breaches", summary: "Obligations across incidents, soonest due first",
    auth: "breach.read", query: ListObligationsQuery, response: ObligationsAcrossIncidents,
    handler: async ({ actor, query }) => {
      const rows = await app.prisma.obligation.findMany({
        where: { ...(await visibleByIncidentId(app.prisma, actor)), obsolete: false, ...(query.status ? { status: query.status } : {}), ...(query.dueBefore ? { dueAt: { lt: new Date(query.dueBefore) } } : {}) },
        orderBy: { dueAt: "asc" },
        take: query.limit,
      });
      const incidents = await app.prisma.incident.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.incidentId))] } }, select: { id: true, reference: true, title: true } });
      const byId = new Map(incidents.map((i) => [i.id, i]));
      return { items: rows.map((o) => ({ ...presentObligation(o), incident: byId.get(o.incidentId) ?? null })) };
    },
  });
  route(router, app, {
    method: "post", path: "/api/obligations/:id/complete", incident: incidentOf.obligation, tag: "breaches", summary: "Mark an obligation met", auth: "obligation.manage",
    params: IdParams, body: CompleteObligationBody, response: ObligationView,
    handler: async ({ req, params, body }) => presentObligation(await inTransaction(app.prisma, (tx) => completeObligation(tx, auditActor(req), app.config, params.id, body))),
  });
  route(router, app, {
    method: "post", path: "/api/obligations/:id/waive", incident: incidentOf.obligation, tag: "breaches", summary: "Waive an obligation, with the reason", auth: "obligation.manage",
    params: IdParams, body: WaiveObligationBody, response: ObligationView,
    handler: async ({ req, params, body }) => presentObligation(await inTransaction(app.prisma, (tx) => waiveObligation(tx, auditActor(req), params.id, body.reason))),
  });
  route(router, app, {
    method: "get", path: "/api/breach-register", tag: "breaches",
    summary: "The Art. 33(5) register, a page at a time: every incident that is or was a personal-data case (entries never disappear), with decisions, deciders and outcomes",
    auth: "register.read", query: BreachRegisterQuery, response: RegisterPage,
    handler: async ({ req, res, actor, query }) => {
      const page = await registerPage(app.prisma, { ...query, viewer: actor });
      if (query.format === "json") return page;
      // CSV of one page; the whole register is GET /api/breach-register/export.
      if (page.nextCursor) res.setHeader("x-next-cursor", page.nextCursor);
      res.setHeader("content-type", "text/csv; charset=utf-8");
      res.setHeader("content-disposition", `attachment; filename="breach-register.csv"`);
      res.send(registerCsv(page.items, readerOf(req, query)));
      return undefined;
    },
  });
  route(router, app, {
    method: "get", path: "/api/breach-register/export", tag: "breaches",
    summary: "Every register entry matching the filters, streamed in batches with no cap (JSON {items} or CSV)",
    auth: "register.read", stepUp: true, query: BreachRegisterQuery, response: RegisterPage.pick({ items: true }),
    handler: async ({ req, res, actor, query }) => {
      const { format, limit: _limit, cursor: _cursor, lang: _lang, zone: _zone, ...filters } = query;
      const json = format === "json";
      const reader = readerOf(req, query);
      res.setHeader("content-type", json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8");
      res.setHeader("content-disposition", `attachment; filename="breach-register.${format}"`);
      res.write(json ? '{"items":[' : registerCsvHeader(reader));
      let first = true;
      for await (const batch of allRegisterEntries(app.prisma, { ...filters, viewer: actor })) {
        if (json) for (const e of batch) { res.write(`${first ? "" : ","}${JSON.stringify(e)}`); first = false; }
        else res.write(registerCsvRows(batch, reader));
      }
      res.end(json ? "]}" : "");
      return undefined;
    },
  });
  route(router, app, {
    method: "get", path: "/api/breach-register/:id/versions", incident: incidentOf.self, tag: "breaches",
    summary: "Every version of one register entry (id: the incident's), newest first: who changed it, when, which fields, and what it said",
    auth: "register.read", params: IdParams, response: RegisterVersions,
    handler: ({ params }) => registerVersions(app.prisma, params.id),
  });
  return router;
}
