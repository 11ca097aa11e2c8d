import { Router } from "express";
import { incidentOf } from "../incidents/policy.js";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { AnswerQuestionBody, AskQuestionBody, ControllerDecisionBody } from "../../shared/schemas/notice.js";
import { ControllerDecisionView, ControllerDecisionsView, PortalIncidentList, PortalIncidentView, QuestionView } from "../../shared/schemas/portal.js";
import { organizationOf } from "../notices/policy.js";
import { listControllerDecisions, listPortalIncidents, listQuestions, loadNames, portalIncident } from "./queries.js";
import { answerQuestion, askQuestion, assertControllerOfIncident, recordControllerDecision } from "./service.js";
import { presentControllerDecision, presentQuestion } from "./presenter.js";

const OrgDecisionParams = z.object({
  id: z.uuid({ message: "must be a valid id" }),
  organizationId: z.uuid({ message: "must be a valid id" }),
});

/**
 * The controller portal (role controller, permission portal.use: only incidents notified to the
 * caller's own organisation, 404 for anything else) and the privacy team's side of it:
 * answering questions and recording decisions on a controller's behalf.
 */
export function portalRoutes(app: AppContext): Router {
  const router = Router();
  const decisionView = async (d: Parameters<typeof presentControllerDecision>[0]) =>
    presentControllerDecision(d, await loadNames(app.prisma, [d.decidedById], [d.organizationId]));
  const questionView = async (q: Parameters<typeof presentQuestion>[0], staff: boolean) =>
    presentQuestion(q, await loadNames(app.prisma, [q.askedById, q.answeredById], [q.organizationId]), staff);

  route(router, app, {
    method: "get", path: "/api/portal/incidents", tag: "portal",
    summary: "Incidents notified to my organisation, with the newest notice and how many are unacknowledged",
    auth: "portal.use", response: PortalIncidentList,
    handler: ({ actor }) => listPortalIncidents(app.prisma, organizationOf(actor)),
  });

  route(router, app, {
    method: "get", path: "/api/portal/incidents/:id", incident: incidentOf.self, tag: "portal",
    summary: "One incident as notified to my organisation: notices and updates, questions and answers, decisions (404 unless notified to it)",
    auth: "portal.use", params: IdParams, response: PortalIncidentView,
    handler: ({ actor, params }) => portalIncident(app.prisma, organizationOf(actor), params.id),
  });

  route(router, app, {
    method: "post", path: "/api/portal/incidents/:id/questions", incident: incidentOf.self, tag: "portal",
    summary: "Ask the vendor's privacy team a question about an incident notified to my organisation (they are told by mail)",
    auth: "portal.use", params: IdParams, body: AskQuestionBody, response: QuestionView, status: 201,
    handler: async ({ req, actor, params, body }) => {
      const org = organizationOf(actor);
      const q = await inTransaction(app.prisma, (tx) => askQuestion(tx, auditActor(req), app.config, actor, org, params.id, body));
      return questionView(q, false);
    },
  });

  route(router, app, {
    method: "post", path: "/api/portal/incidents/:id/decision", incident: incidentOf.self, tag: "portal",
    summary: "Record my organisation's decision: reported to its authority (which, case reference, when), informs its data subjects; every version is kept",
    auth: "portal.use", params: IdParams, body: ControllerDecisionBody, response: ControllerDecisionView, status: 201,
    handler: async ({ req, actor, params, body }) => {
      const org = organizationOf(actor);
      // route()'s guard (the incident policy) has checked that the incident was notified to `org`.
      const d = await inTransaction(app.prisma, (tx) => recordControllerDecision(tx, auditActor(req), org, params.id, body));
      return decisionView(d);
    },
  });

  route(router, app, {
    method: "get", path: "/api/incidents/:id/questions", tag: "portal",
    summary: "Controllers' questions on an incident, every organisation, with answers",
    auth: "incident.read", params: IdParams, response: z.object({ items: z.array(QuestionView) }),
    handler: ({ params }) => listQuestions(app.prisma, params.id),
  });

  route(router, app, {
    method: "post", path: "/api/questions/:id/answer", incident: incidentOf.question, tag: "portal",
    summary: "Answer a controller's question (once); the asker is told by mail in the organisation's language",
    auth: "question.answer", params: IdParams, body: AnswerQuestionBody, response: QuestionView,
    handler: async ({ req, params, body }) => {
      const q = await inTransaction(app.prisma, (tx) => answerQuestion(tx, auditActor(req), app.config, params.id, body.answer));
      return questionView(q, true);
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/organizations/:organizationId/decision", tag: "portal",
    summary: "Record a controller's decision on its behalf (e.g. told by phone); every version is kept",
    auth: "controllerDecision.record", params: OrgDecisionParams, body: ControllerDecisionBody, response: ControllerDecisionView, status: 201,
    handler: async ({ req, params, body }) => {
      const d = await inTransaction(app.prisma, async (tx) => {
        await assertControllerOfIncident(tx, params.organizationId, params.id);
        return recordControllerDecision(tx, auditActor(req), params.organizationId, params.id, body);
      });
      return decisionView(d);
    },
  });

  route(router, app, {
    method: "get", path: "/api/incidents/:id/controller-decisions", tag: "portal",
    summary: "Each controller's newest decision on an incident, with every earlier version",
    auth: "incident.read", params: IdParams, response: ControllerDecisionsView,
    handler: ({ params }) => listControllerDecisions(app.prisma, params.id),
  });

  return router;
}
