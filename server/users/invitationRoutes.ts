import type { Router } from "express";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { Ok } from "../../shared/schemas/common.js";
import { AcceptInvitationBody, InvitationInfo, InvitationToken, InvitationView, InviteUserBody, ManagedUserList } from "../../shared/schemas/people.js";
import { presentUser } from "./presenter.js";
import { acceptInvitation, inviteUser, openInvitation, pendingInvitations } from "./invitations.js";

/** User management for admins (list, invite) and the invitee's public side of the one-time link. */
export function invitationRoutes(router: Router, app: AppContext) {
  route(router, app, {
    method: "get", path: "/api/users/managed", tag: "users", summary: "Every staff account with its status and last sign-in (user management)", auth: "user.manage",
    response: ManagedUserList,
    handler: async () => {
      const users = await app.prisma.user.findMany({ where: { role: { not: "controller" }, anonymisedAt: null }, orderBy: { name: "asc" }, take: 1000 });
      const pending = await pendingInvitations(app.prisma, users.map((u) => u.id));
      return { items: users.map((u) => ({ ...presentUser(u), invitationPending: pending.has(u.id) })) };
    },
  });
  route(router, app, {
    method: "post", path: "/api/users/invitations", tag: "users", summary: "Invite a member of staff by e-mail (a one-time link to choose a password)",
    auth: "user.manage", stepUp: true, body: InviteUserBody, response: InvitationView, status: 201,
    handler: async ({ req, body }) => {
      const { user, expiresAt } = await inTransaction(app.prisma, (tx) => inviteUser(tx, auditActor(req), app.config, body));
      return { user: presentUser(user), expiresAt: expiresAt.toISOString() };
    },
  });
  route(router, app, {
    method: "post", path: "/api/invitations/lookup", tag: "users", summary: "Who an invitation link is for (the invitation page), or 410 when it is spent",
    auth: "public", body: InvitationToken, response: InvitationInfo,
    handler: async ({ body }) => {
      const inv = await openInvitation(app.prisma, body.token);
      return { email: inv.user.email, name: inv.user.name, expiresAt: inv.expiresAt.toISOString(), sso: app.config.oidcProviders.length > 0 };
    },
  });
  route(router, app, {
    method: "post", path: "/api/invitations/accept", tag: "users", summary: "Accept an invitation: choose a password; the link is spent",
    auth: "public", body: AcceptInvitationBody, response: Ok,
    handler: async ({ body }) => {
      await inTransaction(app.prisma, (tx) => acceptInvitation(tx, body));
      return { ok: true as const };
    },
  });
}
