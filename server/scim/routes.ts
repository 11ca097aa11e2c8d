import { Router, type Request, type Response } from "express";
import type { AppContext } from "../context.js";
import { emptyResponse, route } from "../http/route.js";
import {
  ScimGroup, ScimGroupInput, ScimIdParams, ScimListQuery, ScimPatchBody, ScimResourceQuery, ScimUser, ScimUserInput, scimListResponse,
} from "../../shared/schemas/scim.js";
import { inTransaction } from "../audit/service.js";
import { ScimError } from "./errors.js";
import { scimAuth, scimErrorHandler, scimTransport } from "./gate.js";
import { groupChangesFromPatch, userChangesFromPatch } from "./patch.js";
import { listResponse, presentScimGroup, presentScimUser } from "./presenter.js";
import { changesFromResource, createScimUser, deleteScimUser, findScimUser, listScimUsers, updateScimUser, type ScimContext } from "./users.js";
import { createScimGroup, deleteScimGroup, findScimGroup, listScimGroups, patchScimGroup, replaceScimGroup } from "./groups.js";
import { discoveryRoutes } from "./discovery.js";

const BASE = "/scim/v2";

/** `excludedAttributes=members` (Entra) or `attributes` without members leave the member list out. */
const wantsMembers = (q: { attributes?: string; excludedAttributes?: string }) => {
  const names = (s?: string) => (s ?? "").split(",").map((a) => a.trim().toLowerCase());
  if (names(q.excludedAttributes).includes("members")) return false;
  return q.attributes === undefined || names(q.attributes).includes("members");
};

/**
 * SCIM 2.0 provisioning (RFC 7643/7644) for Entra ID, Okta and others: users and groups, group
 * membership -> role by SCIM_ROLE_MAP, deprovisioning that ends sessions and tokens at once.
 * Mounted before the app's JSON parser and session middleware: SCIM has its own token, body type and error schema.
 */
export function scimRoutes(app: AppContext): Router {
  const router = Router();
  const base = `${app.config.publicUrl}${BASE}`;
  const gate = scimAuth(app);
  const ctx = (res: Response): ScimContext => ({ db: app.prisma, by: res.locals.scimActor!, roles: app.config.scimRoles });
  const auth = "public" as const;
  const noContent = (res: Response) => {
    res.status(204).end();
    return undefined;
  };
  const user = (u: Parameters<typeof presentScimUser>[0]) => presentScimUser(u, base);

  route(router, app, {
    method: "get", path: `${BASE}/Users`, tag: "scim", summary: "SCIM: list users (filter userName eq, paging); SCIM bearer token",
    auth, before: gate, query: ScimListQuery, response: scimListResponse(ScimUser),
    handler: async ({ query }) => {
      const { total, items } = await listScimUsers(app.prisma, query);
      return listResponse(items.map(user), { total, startIndex: query.startIndex });
    },
  });
  route(router, app, {
    method: "get", path: `${BASE}/Users/:id`, tag: "scim", summary: "SCIM: one user; SCIM bearer token",
    auth, before: gate, params: ScimIdParams, query: ScimResourceQuery, response: ScimUser,
    handler: async ({ params }) => user(await findScimUser(app.prisma, params.id)),
  });
  route(router, app, {
    method: "post", path: `${BASE}/Users`, tag: "scim", summary: "SCIM: create a user (role from its groups); SCIM bearer token",
    auth, before: gate, body: ScimUserInput, response: ScimUser, status: 201,
    handler: async ({ res, body }) => {
      const created = user(await createScimUser(ctx(res), body));
      res.setHeader("location", created.meta.location);
      return created;
    },
  });
  route(router, app, {
    method: "put", path: `${BASE}/Users/:id`, tag: "scim", summary: "SCIM: replace a user; SCIM bearer token",
    auth, before: gate, params: ScimIdParams, body: ScimUserInput, response: ScimUser,
    handler: async ({ res, params, body }) =>
      user(await inTransaction(app.prisma, (tx) => updateScimUser(tx, ctx(res), params.id, changesFromResource(body)))),
  });
  route(router, app, {
    method: "patch", path: `${BASE}/Users/:id`, tag: "scim",
    summary: "SCIM: change a user (PatchOp; active false ends its sessions and revokes its tokens); SCIM bearer token",
    auth, before: gate, params: ScimIdParams, body: ScimPatchBody, response: ScimUser,
    handler: async ({ res, params, body }) => {
      const changes = userChangesFromPatch(body.Operations);
      return user(await inTransaction(app.prisma, (tx) => updateScimUser(tx, ctx(res), params.id, changes)));
    },
  });
  route(router, app, {
    method: "delete", path: `${BASE}/Users/:id`, tag: "scim", summary: "SCIM: delete a user (kept deactivated for the record); SCIM bearer token",
    auth, before: gate, params: ScimIdParams, status: 204, response: emptyResponse(),
    handler: async ({ res, params }) => {
      await deleteScimUser(ctx(res), params.id);
      return noContent(res);
    },
  });

  const group = (g: Parameters<typeof presentScimGroup>[0], req: Request) =>
    presentScimGroup(g, base, { members: wantsMembers(req.query as { attributes?: string; excludedAttributes?: string }) });
  route(router, app, {
    method: "get", path: `${BASE}/Groups`, tag: "scim", summary: "SCIM: list groups (filter displayName eq, paging); SCIM bearer token",
    auth, before: gate, query: ScimListQuery, response: scimListResponse(ScimGroup),
    handler: async ({ req, query }) => {
      const { total, items } = await listScimGroups(app.prisma, query);
      return listResponse(items.map((g) => group(g, req)), { total, startIndex: query.startIndex });
    },
  });
  route(router, app, {
    method: "get", path: `${BASE}/Groups/:id`, tag: "scim", summary: "SCIM: one group with its members; SCIM bearer token",
    auth, before: gate, params: ScimIdParams, query: ScimResourceQuery, response: ScimGroup,
    handler: async ({ req, params }) => group(await findScimGroup(app.prisma, params.id), req),
  });
  route(router, app, {
    method: "post", path: `${BASE}/Groups`, tag: "scim", summary: "SCIM: create a group; SCIM bearer token",
    auth, before: gate, body: ScimGroupInput, response: ScimGroup, status: 201,
    handler: async ({ req, res, body }) => {
      const created = group(await createScimGroup(ctx(res), body), req);
      res.setHeader("location", created.meta.location);
      return created;
    },
  });
  route(router, app, {
    method: "put", path: `${BASE}/Groups/:id`, tag: "scim", summary: "SCIM: replace a group and its members; SCIM bearer token",
    auth, before: gate, params: ScimIdParams, body: ScimGroupInput, response: ScimGroup,
    handler: async ({ req, res, params, body }) => group(await replaceScimGroup(ctx(res), params.id, body), req),
  });
  route(router, app, {
    method: "patch", path: `${BASE}/Groups/:id`, tag: "scim",
    summary: "SCIM: rename a group or add and remove members (members' roles follow); SCIM bearer token",
    auth, before: gate, params: ScimIdParams, body: ScimPatchBody, response: ScimGroup,
    handler: async ({ req, res, params, body }) => group(await patchScimGroup(ctx(res), params.id, groupChangesFromPatch(body.Operations)), req),
  });
  route(router, app, {
    method: "delete", path: `${BASE}/Groups/:id`, tag: "scim", summary: "SCIM: delete a group (its members' roles follow); SCIM bearer token",
    auth, before: gate, params: ScimIdParams, status: 204, response: emptyResponse(),
    handler: async ({ res, params }) => {
      await deleteScimGroup(ctx(res), params.id);
      return noContent(res);
    },
  });

  discoveryRoutes(router, app, { base, before: scimTransport });
  router.use(BASE, scimTransport[0], (req, _res, next) => next(new ScimError(404, undefined, `No SCIM endpoint ${req.method} ${req.originalUrl}.`)));
  router.use(BASE, scimErrorHandler);
  return router;
}
