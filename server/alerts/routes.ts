import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { IdParams, route } from "../http/route.js";
import { auditActor } from "../auth/middleware.js";
import {
  AlertSourceView, AlertSourceWithSecret, AlertView, AttachAlertBody, CreateAlertSourceBody, DismissAlertBody, ListAlertsQuery, PromoteAlertBody,
} from "../../shared/schemas/alert.js";
import { createSource, listSources, rotateSecret, setDisabled } from "./sources.js";
import { attachAlert, dismissAlert, listAlerts, promoteAlert } from "./queue.js";

/** Alert sources (admins) and the alert queue (staff); the intake endpoints are in intakeRoutes.ts. docs/alerts.md */
export function alertRoutes(app: AppContext): Router {
  const router = Router();
  const key = app.config.MFA_ENCRYPTION_KEY;

  route(router, app, {
    method: "post", path: "/api/alert-sources", tag: "alerts", summary: "Add an alert source; its secret is returned this once",
    auth: "alertSource.manage", stepUp: true, body: CreateAlertSourceBody, response: AlertSourceWithSecret, status: 201,
    handler: ({ req, body }) => createSource(app.prisma, { ...body, by: auditActor(req), encryptionKey: key }),
  });
  route(router, app, {
    method: "get", path: "/api/alert-sources", tag: "alerts", summary: "Alert sources (never their secrets)", auth: "alertSource.manage",
    response: z.object({ items: z.array(AlertSourceView) }),
    handler: async () => ({ items: await listSources(app.prisma) }),
  });
  route(router, app, {
    method: "post", path: "/api/alert-sources/:id/rotate", tag: "alerts", summary: "New secret for an alert source (the old one stops working); returned once",
    auth: "alertSource.manage", stepUp: true, params: IdParams, response: AlertSourceWithSecret,
    handler: ({ req, params }) => rotateSecret(app.prisma, { id: params.id, by: auditActor(req), encryptionKey: key }),
  });
  route(router, app, {
    method: "post", path: "/api/alert-sources/:id/disable", tag: "alerts", summary: "Disable an alert source: its posts are refused (401)",
    auth: "alertSource.manage", params: IdParams, response: AlertSourceView,
    handler: ({ req, params }) => setDisabled(app.prisma, { id: params.id, disabled: true, by: auditActor(req) }),
  });
  route(router, app, {
    method: "post", path: "/api/alert-sources/:id/enable", tag: "alerts", summary: "Enable a disabled alert source again",
    auth: "alertSource.manage", params: IdParams, response: AlertSourceView,
    handler: ({ req, params }) => setDisabled(app.prisma, { id: params.id, disabled: false, by: auditActor(req) }),
  });

  route(router, app, {
    method: "get", path: "/api/alerts", tag: "alerts", summary: "The alert queue (default: new alerts), most recently seen first",
    auth: "alert.read", query: ListAlertsQuery, response: z.object({ items: z.array(AlertView) }),
    handler: async ({ query }) => ({ items: await listAlerts(app.prisma, query) }),
  });
  route(router, app, {
    method: "post", path: "/api/alerts/:id/promote", tag: "alerts", summary: "Promote an alert to a new incident (severity and taxonomy guessed from its labels)",
    auth: "alert.triage", params: IdParams, body: PromoteAlertBody, response: AlertView,
    handler: ({ req, params, body }) => promoteAlert(app.prisma, { id: params.id, title: body.title, by: auditActor(req), taxonomy: app.taxonomy }),
  });
  route(router, app, {
    method: "post", path: "/api/alerts/:id/attach", tag: "alerts", summary: "Attach an alert to an existing incident",
    auth: "alert.triage", params: IdParams, body: AttachAlertBody, response: AlertView,
    handler: ({ req, params, body }) => attachAlert(app.prisma, { id: params.id, incidentId: body.incidentId, by: auditActor(req) }),
  });
  route(router, app, {
    method: "post", path: "/api/alerts/:id/dismiss", tag: "alerts", summary: "Dismiss an alert with a reason",
    auth: "alert.triage", params: IdParams, body: DismissAlertBody, response: AlertView,
    handler: ({ req, params, body }) => dismissAlert(app.prisma, { id: params.id, reason: body.reason, by: auditActor(req) }),
  });
  return router;
}
