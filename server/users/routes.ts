import { Router } from "express";
import { z } from "zod";
import { CreateUserBody, UpdateUserBody, UserView } from "../../shared/schemas/auth.js";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { presentUser } from "./presenter.js";
import { createUser, deleteUser, updateUser } from "./service.js";
import { invitationRoutes } from "./invitationRoutes.js";

export function userRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/users", tag: "users", summary: "List users (for owner and assignee pickers)", auth: "user.list",
    response: z.object({ items: z.array(UserView) }),
    handler: async () => {
      const users = await app.prisma.user.findMany({ where: { role: { not: "controller" } }, orderBy: { name: "asc" }, take: 1000 });
      return { items: users.map(presentUser) };
    },
  });
  route(router, app, {
    method: "post", path: "/api/users", tag: "users", summary: "Create a user", auth: "user.manage", stepUp: true,
    body: CreateUserBody, response: UserView, status: 201,
    handler: async ({ req, body }) => presentUser(await inTransaction(app.prisma, (tx) => createUser(tx, auditActor(req), body))),
  });
  route(router, app, {
    method: "patch", path: "/api/users/:id", tag: "users", summary: "Change a user's name, role, password or active flag",
    auth: "user.manage", stepUp: true, params: IdParams, body: UpdateUserBody, response: UserView,
    handler: async ({ req, params, body }) =>
      presentUser(await inTransaction(app.prisma, (tx) => updateUser(tx, auditActor(req), params.id, body))),
  });
  route(router, app, {
    method: "delete", path: "/api/users/:id", tag: "users", summary: "Delete a user: deactivated and anonymised at once (incidents and the audit log keep the id)",
    auth: "user.manage", stepUp: true, params: IdParams, response: UserView,
    handler: async ({ req, params }) => presentUser(await inTransaction(app.prisma, (tx) => deleteUser(tx, auditActor(req), params.id))),
  });
  invitationRoutes(router, app);
  return router;
}
