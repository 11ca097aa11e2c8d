import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import {
  AddMemberBody, BreakGlassBody, IncidentAccessView, RestrictedIncidentsView, RestrictionBody,
} from "../../shared/schemas/incidentAccess.js";
import { accessView, addMember, breakGlass, removeMember, setRestricted } from "./access.js";
import { visibleIncidentWhere } from "./policy.js";

const MemberParams = IdParams.extend({ userId: z.uuid({ message: "must be a valid id" }) });

/** Need-to-know: the restriction, members and break-glass (docs/security/need-to-know.md). */
export function incidentAccessRoutes(app: AppContext): Router {
  const router = Router();

  route(router, app, {
    method: "get", path: "/api/incidents/:id/access", tag: "incidents", summary: "Whether the incident is restricted, its members and what the caller may change",
    auth: "incident.read", params: IdParams, response: IncidentAccessView,
    handler: ({ actor, params }) => accessView(app.prisma, actor, params.id),
  });

  route(router, app, {
    method: "put", path: "/api/incidents/:id/restriction", tag: "incidents",
    summary: "Restrict the incident to its members, or lift it (owner, privacy officer or admin; the reason is audited)",
    auth: "incident.restrict", params: IdParams, body: RestrictionBody, response: IncidentAccessView,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, (tx) => setRestricted(tx, { actor, audit: auditActor(req), incidentId: params.id }, body));
      return accessView(app.prisma, actor, params.id);
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/members", tag: "incidents", summary: "Name a staff user on the incident (a member sees it while restricted)",
    auth: "incident.members", params: IdParams, body: AddMemberBody, response: IncidentAccessView, status: 201,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, (tx) => addMember(tx, { actor, audit: auditActor(req), incidentId: params.id }, body));
      return accessView(app.prisma, actor, params.id);
    },
  });

  route(router, app, {
    method: "delete", path: "/api/incidents/:id/members/:userId", tag: "incidents", summary: "Remove a member (the owner stays a member while owner)",
    auth: "incident.members", params: MemberParams, response: IncidentAccessView,
    handler: async ({ req, actor, params }) => {
      await inTransaction(app.prisma, (tx) => removeMember(tx, { actor, audit: auditActor(req), incidentId: params.id }, params.userId));
      return accessView(app.prisma, actor, params.id);
    },
  });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/break-glass", tag: "incidents",
    summary: "An admin joins a restricted incident it is not a member of, with a reason: audited, on the timeline, mailed to the owner",
    auth: "incident.breakGlass", params: IdParams, body: BreakGlassBody, response: IncidentAccessView, status: 201,
    // The policy decides: break-glass is the one verb on an incident the caller cannot see yet.
    incident: false,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, (tx) =>
        breakGlass(tx, { actor, audit: auditActor(req), incidentId: params.id, reason: body.reason,
          mail: { publicUrl: app.config.publicUrl, zone: app.config.MAIL_TIME_ZONE, language: app.config.VENDOR_LANGUAGE } }));
      return accessView(app.prisma, actor, params.id);
    },
  });

  route(router, app, {
    method: "get", path: "/api/restricted-incidents", tag: "incidents",
    summary: "For admins: how many incidents are restricted and which of them the caller is not a member of (reference only)",
    auth: "incident.breakGlass", response: RestrictedIncidentsView,
    handler: async ({ actor }) => {
      const [all, visible] = await Promise.all([
        app.prisma.incident.findMany({ where: { restricted: true }, select: { id: true, reference: true }, orderBy: { createdAt: "desc" }, take: 500 }),
        app.prisma.incident.findMany({ where: { restricted: true, ...visibleIncidentWhere(actor) }, select: { id: true } }),
      ]);
      const member = new Set(visible.map((v) => v.id));
      const count = await app.prisma.incident.count({ where: { restricted: true } });
      return { count, hiddenFromYou: count - member.size, items: all.map((i) => ({ id: i.id, reference: i.reference, member: member.has(i.id) })) };
    },
  });
  return router;
}
