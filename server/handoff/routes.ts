import { Router } from "express";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { HandoffRequestBody, HandoffRequestView } from "../../shared/schemas/handoff.js";
import { askRole } from "./service.js";

export function handoffRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "post", path: "/api/incidents/:id/requests", tag: "notes",
    summary: "Ask the people with a role to take a step on this incident (a note mentioning them and a mail in their language)",
    // Asking writes a working note that mentions them: the same right as writing a note.
    auth: "note.write", params: IdParams, body: HandoffRequestBody, status: 201, response: HandoffRequestView,
    handler: ({ req, actor, params, body }) =>
      inTransaction(app.prisma, (tx) => askRole(tx, { ctx: app, actor: { ...auditActor(req), actorId: actor.id, name: actor.name }, incidentId: params.id, body })),
  });
  return router;
}
