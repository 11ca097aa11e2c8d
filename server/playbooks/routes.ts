import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { ApplyPlaybookBody, PlaybookBody, PlaybookList, PlaybookListQuery, PlaybookView, UpdatePlaybookBody } from "../../shared/schemas/playbook.js";
import { applyPlaybook, createPlaybook, presentPlaybook, updatePlaybook } from "./service.js";

export function playbookRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/playbooks", tag: "playbooks", summary: "Incident playbooks per kind and language",
    auth: "playbook.read", query: PlaybookListQuery, response: PlaybookList,
    handler: async ({ query }) => {
      const rows = await app.prisma.playbook.findMany({ where: query.language ? { language: query.language } : {}, orderBy: [{ kind: "asc" }, { language: "asc" }] });
      return { items: rows.map(presentPlaybook) };
    },
  });
  route(router, app, {
    method: "post", path: "/api/playbooks", tag: "playbooks", summary: "Add a playbook for a kind of incident in one language",
    auth: "playbook.manage", body: PlaybookBody, status: 201, response: PlaybookView,
    handler: async ({ req, body }) => presentPlaybook(await inTransaction(app.prisma, (tx) => createPlaybook(tx, auditActor(req), body))),
  });
  route(router, app, {
    method: "put", path: "/api/playbooks/:id", tag: "playbooks", summary: "Edit a playbook (optimistic concurrency on version)",
    auth: "playbook.manage", params: IdParams, body: UpdatePlaybookBody, response: PlaybookView,
    handler: async ({ req, params, body }) => presentPlaybook(await inTransaction(app.prisma, (tx) => updatePlaybook(tx, auditActor(req), params.id, body))),
  });
  route(router, app, {
    method: "post", path: "/api/incidents/:id/playbook", tag: "playbooks", summary: "Apply a playbook: its tasks join the action plan with owners by role and due times",
    auth: "action.manage", params: IdParams, body: ApplyPlaybookBody, status: 201, response: z.object({ actionIds: z.array(z.uuid()) }),
    handler: async ({ req, params, body }) => ({ actionIds: await inTransaction(app.prisma, (tx) => applyPlaybook(tx, auditActor(req), params.id, body.playbookId)) }),
  });
  return router;
}
