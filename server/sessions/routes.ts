import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { auditActor } from "../auth/middleware.js";
import { NotFoundError } from "../http/errors.js";
import { EndedSessions, SessionList } from "../../shared/schemas/session.js";
import { Text } from "../../shared/schemas/text.js";
import { presentSession } from "./presenter.js";
import { endOwnSession, endSessionsOf, liveSessionsOf } from "./service.js";

const SessionParams = z.object({ sessionId: Text.regex(/^[A-Za-z0-9_-]{22}$/, "must be a session id from the list") });

/** Sessions: each user sees and ends their own; an administrator ends all of a user's sessions. */
export function sessionRoutes(app: AppContext): Router {
  const router = Router();

  route(router, app, {
    method: "get", path: "/api/sessions", tag: "auth", summary: "My active sessions (device, address, last use)", auth: "signedIn",
    response: SessionList,
    handler: async ({ actor }) => ({
      items: (await liveSessionsOf(app.prisma, actor.id)).map((s) => presentSession(s, actor.sessionId)),
    }),
  });

  route(router, app, {
    method: "delete", path: "/api/sessions/:sessionId", tag: "auth", summary: "End one of my sessions", auth: "signedIn",
    params: SessionParams, response: z.object({ ok: z.literal(true) }),
    handler: async ({ req, actor, params }) => {
      await endOwnSession(app.prisma, { userId: actor.id, publicId: params.sessionId, by: auditActor(req) });
      return { ok: true as const };
    },
  });

  route(router, app, {
    method: "post", path: "/api/sessions/end-others", tag: "auth", summary: "Sign out everywhere else (all my other sessions)",
    auth: "signedIn", response: EndedSessions,
    handler: async ({ req, actor }) => ({
      ended: await endSessionsOf(app.prisma, { userId: actor.id, keepSessionId: actor.sessionId, by: auditActor(req), reason: "self" }),
    }),
  });

  route(router, app, {
    method: "post", path: "/api/users/:id/sessions/end", tag: "users", summary: "End all sessions of a user", auth: "user.manage",
    params: IdParams, response: EndedSessions,
    handler: async ({ req, params }) => {
      const user = await app.prisma.user.findUnique({ where: { id: params.id }, select: { id: true } });
      if (!user) throw new NotFoundError("User");
      return { ended: await endSessionsOf(app.prisma, { userId: user.id, by: auditActor(req), reason: "admin" }) };
    },
  });
  return router;
}
