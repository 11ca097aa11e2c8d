import type { RequestHandler, Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { SCIM_SCHEMAS } from "../../shared/schemas/scim.js";
import { listResponse } from "./presenter.js";

const attr = (name: string, extra: Record<string, unknown> = {}) => ({
  name, type: "string", multiValued: false, required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none", ...extra,
});

/** What Vakt keeps of a User and a Group; other attributes are accepted and ignored (docs/scim.md). */
const SCHEMAS = [
  {
    id: SCIM_SCHEMAS.user, name: "User", description: "Staff account",
    attributes: [
      attr("userName", { required: true, uniqueness: "server" }),
      attr("externalId"),
      attr("displayName"),
      { ...attr("name", { type: "complex" }), subAttributes: [attr("formatted"), attr("givenName"), attr("familyName")] },
      { ...attr("emails", { type: "complex", multiValued: true }), subAttributes: [attr("value"), attr("type"), attr("primary", { type: "boolean" })] },
      attr("active", { type: "boolean" }),
      { ...attr("groups", { type: "complex", multiValued: true, mutability: "readOnly" }), subAttributes: [attr("value"), attr("display")] },
    ],
  },
  {
    id: SCIM_SCHEMAS.group, name: "Group", description: "Group whose name maps to a Vakt role (SCIM_ROLE_MAP)",
    attributes: [
      attr("displayName", { required: true, uniqueness: "server" }),
      attr("externalId"),
      { ...attr("members", { type: "complex", multiValued: true }), subAttributes: [attr("value"), attr("display")] },
    ],
  },
];

const Document = z.looseObject({ schemas: z.array(z.string()) });

/** Discovery (RFC 7644 §4): public, as the RFC allows, and free of data. */
export function discoveryRoutes(router: Router, app: AppContext, { base, before }: { base: string; before: RequestHandler[] }) {
  const meta = (resourceType: string, id: string) => ({ resourceType, location: `${base}/${resourceType}s/${id}` });
  route(router, app, {
    method: "get", path: "/scim/v2/ServiceProviderConfig", tag: "scim", summary: "SCIM: what this service provider supports", auth: "public",
    before, response: Document,
    handler: () => ({
      schemas: [SCIM_SCHEMAS.serviceProviderConfig],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [{ type: "oauthbearertoken", name: "Bearer token", description: "SCIM_TOKEN or an admin's API token with the scope scim", primary: true }],
      meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
    }),
  });
  route(router, app, {
    method: "get", path: "/scim/v2/Schemas", tag: "scim", summary: "SCIM: the User and Group schemas", auth: "public", before, response: Document,
    handler: () => listResponse(SCHEMAS.map((s) => ({ schemas: [SCIM_SCHEMAS.schema], ...s, meta: meta("Schema", s.id) })), { total: SCHEMAS.length, startIndex: 1 }),
  });
  route(router, app, {
    method: "get", path: "/scim/v2/ResourceTypes", tag: "scim", summary: "SCIM: the User and Group resource types", auth: "public", before, response: Document,
    handler: () => {
      const types = [
        { id: "User", name: "User", endpoint: "/Users", schema: SCIM_SCHEMAS.user, schemaExtensions: [] },
        { id: "Group", name: "Group", endpoint: "/Groups", schema: SCIM_SCHEMAS.group, schemaExtensions: [] },
      ].map((t) => ({ schemas: [SCIM_SCHEMAS.resourceType], ...t, meta: meta("ResourceType", t.id) }));
      return listResponse(types, { total: types.length, startIndex: 1 });
    },
  });
}
