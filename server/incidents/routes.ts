import { Router, type Request } from "express";
import { z } from "zod";
import {
  CreateActionBody, CreateCommunicationBody, CreateIncidentBody, IncidentPage, IncidentView, ListIncidentsQuery, ScheduleReviewBody, TransitionBody,
  UpdateActionBody, UpdateIncidentBody,
} from "../../shared/schemas/incident.js";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { readerLanguage } from "../http/language.js";
import { inTransaction } from "../audit/service.js";
import { auditActor, type Actor } from "../auth/middleware.js";
import { presentIncident, presentListItem } from "./presenter.js";
import { listIncidents, loadIncidentDetail } from "./queries.js";
import { addAction, createIncident, recordCommunication, scheduleReview, updateAction, updateIncident } from "./service.js";
import { transitionIncident } from "./lifecycle.js";
import { timelineRoute } from "./timeline.js";
import { can } from "../../shared/permissions.js";
import { ForbiddenError } from "../http/errors.js";

const ActionParams = IdParams.extend({ actionId: z.uuid({ message: "must be a valid id" }) });

export function incidentRoutes(app: AppContext): Router {
  const router = Router();
  // What is still missing is written in the reader's language (the web sends the one it shows; API clients get English by default).
  const detail = async (id: string, actor: Actor, req: Pick<Request, "acceptsLanguages">) =>
    presentIncident(await loadIncidentDetail(app.prisma, id), actor, readerLanguage(req));

  route(router, app, {
    method: "get", path: "/api/incidents", tag: "incidents", summary: "List incidents (filters, search, keyset pagination)",
    auth: "incident.read", query: ListIncidentsQuery, response: IncidentPage,
    handler: async ({ actor, query }) => {
      const page = await listIncidents(app.db, actor, query);
      return { items: page.items.map(presentListItem), nextCursor: page.nextCursor };
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents", tag: "incidents", summary: "Log an incident", auth: "incident.create",
    body: CreateIncidentBody, status: 201,
    response: IncidentView,
    handler: async ({ req, actor, body }) => {
      const incident = await inTransaction(app.prisma, (tx) => createIncident(tx, auditActor(req), body));
      return detail(incident.id, actor, req);
    },
  });

  route(router, app, {
    method: "get", path: "/api/incidents/:id", tag: "incidents", summary: "An incident with its timeline, missing requirements and allowed actions",
    auth: "incident.read", params: IdParams,
    response: IncidentView,
    handler: ({ req, actor, params }) => detail(params.id, actor, req),
  });

  route(router, app, {
    method: "patch", path: "/api/incidents/:id", tag: "incidents", summary: "Classify, appoint the owner, document (optimistic concurrency on version)",
    auth: "incident.update", params: IdParams, body: UpdateIncidentBody,
    response: IncidentView,
    handler: async ({ req, actor, params, body }) => {
      if (body.ownerId !== undefined && !can(actor.role, "incident.assignOwner"))
        throw new ForbiddenError("Your role may not appoint owners.");
      await inTransaction(app.prisma, (tx) => updateIncident(tx, auditActor(req), params.id, body, app.taxonomy));
      return detail(params.id, actor, req);
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/actions", tag: "incidents", summary: "Add an action to the action plan",
    auth: "action.manage", params: IdParams, body: CreateActionBody, status: 201,
    response: IncidentView,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, (tx) => addAction(tx, auditActor(req), params.id, body));
      return detail(params.id, actor, req);
    },
  });

  route(router, app, {
    method: "patch", path: "/api/incidents/:id/actions/:actionId", tag: "incidents", summary: "Update an action (done, deferred with a reason, reopened)",
    auth: "action.manage", params: ActionParams, body: UpdateActionBody,
    response: IncidentView,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, (tx) => updateAction(tx, auditActor(req), params.id, params.actionId, body));
      return detail(params.id, actor, req);
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/communications", tag: "incidents",
    summary: "Record a communication, or the decision that no one needs informing", auth: "communication.record",
    params: IdParams, body: CreateCommunicationBody, status: 201,
    response: IncidentView,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, (tx) => recordCommunication(tx, auditActor(req), params.id, body));
      return detail(params.id, actor, req);
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/review", tag: "incidents", summary: "Schedule the follow-up review (due date and owner)",
    auth: "review.schedule", params: IdParams, body: ScheduleReviewBody,
    response: IncidentView,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, (tx) => scheduleReview(tx, auditActor(req), params.id, body));
      return detail(params.id, actor, req);
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/transitions", tag: "incidents",
    summary: "Move the incident to another status; unmet requirements give 409 with `missing`",
    auth: "incident.transition", params: IdParams, body: TransitionBody,
    response: IncidentView,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, (tx) => transitionIncident(tx, { ...auditActor(req), role: actor.role }, params.id, body.to, body.reason, readerLanguage(req)));
      return detail(params.id, actor, req);
    },
  });
  timelineRoute(router, app);
  return router;
}
