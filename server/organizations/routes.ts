import { Router } from "express";
import {
  AffectedOrganizationIds, AffectedOrganizationList, AffectedOrganizationsBody, CreateOrganizationBody, CreateSystemBody, OrganizationList,
  OrganizationView, ProposedOrganizations, SystemList, SystemView, UpdateOrganizationBody, UpdateSystemBody,
} from "../../shared/schemas/organization.js";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { NotFoundError } from "../http/errors.js";
import { presentOrganization, presentSystem } from "./presenter.js";
import { recomputeObligations } from "../breaches/obligations.js";
import { findIncidentOr404 } from "../incidents/service.js";
import {
  createOrganization, createSystem, proposedOrganizations, setAffectedOrganizations, updateOrganization, updateSystem,
} from "./service.js";

export function organizationRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/organizations", tag: "organizations", summary: "Customers (controllers) and the vendor itself", auth: "organization.read", response: OrganizationList,
    handler: async () => ({ items: (await app.prisma.organization.findMany({ orderBy: [{ self: "desc" }, { name: "asc" }] })).map(presentOrganization) }),
  });
  route(router, app, {
    method: "post", path: "/api/organizations", tag: "organizations", summary: "Add a customer organisation", auth: "organization.manage",
    body: CreateOrganizationBody, status: 201, response: OrganizationView,
    handler: async ({ req, body }) => presentOrganization(await inTransaction(app.prisma, (tx) => createOrganization(tx, auditActor(req), app.config, body))),
  });
  route(router, app, {
    method: "get", path: "/api/organizations/:id", tag: "organizations", summary: "One organisation", auth: "organization.read", params: IdParams, response: OrganizationView,
    handler: async ({ params }) => {
      const org = await app.prisma.organization.findUnique({ where: { id: params.id } });
      if (!org) throw new NotFoundError("Organisation");
      return presentOrganization(org);
    },
  });
  route(router, app, {
    method: "patch", path: "/api/organizations/:id", tag: "organizations", summary: "Change an organisation", auth: "organization.manage",
    params: IdParams, body: UpdateOrganizationBody, response: OrganizationView,
    handler: async ({ req, params, body }) => presentOrganization(await inTransaction(app.prisma, (tx) => updateOrganization(tx, auditActor(req), app.config, params.id, body))),
  });

  route(router, app, {
    method: "get", path: "/api/systems", tag: "organizations", summary: "Systems and data sets with the organisations whose data they hold", auth: "organization.read", response: SystemList,
    handler: async () => ({ items: (await app.prisma.system.findMany({ orderBy: { name: "asc" }, include: { organizations: true } })).map(presentSystem) }),
  });
  route(router, app, {
    method: "post", path: "/api/systems", tag: "organizations", summary: "Add a system or data set", auth: "system.manage", body: CreateSystemBody, status: 201, response: SystemView,
    handler: async ({ req, body }) => presentSystem(await inTransaction(app.prisma, (tx) => createSystem(tx, auditActor(req), body))),
  });
  route(router, app, {
    method: "patch", path: "/api/systems/:id", tag: "organizations", summary: "Change a system and whose data it holds", auth: "system.manage",
    params: IdParams, body: UpdateSystemBody, response: SystemView,
    handler: async ({ req, params, body }) => presentSystem(await inTransaction(app.prisma, (tx) => updateSystem(tx, auditActor(req), params.id, body))),
  });

  route(router, app, {
    method: "get", path: "/api/incidents/:id/proposed-organizations", tag: "breaches",
    summary: "Controllers proposed from the affected systems in the impact analysis", auth: "breach.read", params: IdParams, response: ProposedOrganizations,
    handler: ({ params }) => proposedOrganizations(app.prisma, params.id),
  });
  route(router, app, {
    method: "get", path: "/api/incidents/:id/affected-organizations", tag: "breaches", summary: "Controllers whose data the incident touched",
    auth: "breach.read", params: IdParams, response: AffectedOrganizationList,
    handler: async ({ params }) => {
      await findIncidentOr404(app.prisma, params.id);
      const rows = await app.prisma.incidentOrganization.findMany({ where: { incidentId: params.id }, include: { organization: true }, orderBy: { organization: { name: "asc" } } });
      // With each controller's own share of the breach (set by PATCH .../affected-organizations/:organizationId).
      return { items: rows.map((r) => ({ ...presentOrganization(r.organization), approxSubjects: r.approxSubjects, approxRecords: r.approxRecords })) };
    },
  });
  route(router, app, {
    method: "put", path: "/api/incidents/:id/affected-organizations", tag: "breaches", summary: "Set the controllers whose data the incident touched",
    auth: "breach.assess", params: IdParams, body: AffectedOrganizationsBody, response: AffectedOrganizationIds,
    handler: async ({ req, params, body }) => {
      const ids = await inTransaction(app.prisma, async (tx) => {
        const set = await setAffectedOrganizations(tx, auditActor(req), params.id, body.organizationIds);
        await recomputeObligations(tx, auditActor(req), app.config, params.id);
        return set;
      });
      return { organizationIds: ids };
    },
  });
  return router;
}
