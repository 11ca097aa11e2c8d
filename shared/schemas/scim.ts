import { z } from "zod";
import { Text } from "./text.js";

/** SCIM 2.0 (RFC 7643 resources, RFC 7644 protocol): the shapes Vakt accepts and answers with. */
export const SCIM_SCHEMAS = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  enterpriseUser: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

export const SCIM_CONTENT_TYPE = "application/scim+json";

/** Entra sends booleans as strings ("True", "False") unless its aadOptscim062020 flag is set. */
export const ScimBoolean = z.union([z.boolean(), z.string().regex(/^(true|false)$/i, "must be true or false").transform((s) => s.toLowerCase() === "true")]);

const MultiValue = z.object({ value: Text.max(320).optional(), type: Text.max(40).optional(), primary: ScimBoolean.optional(), display: Text.optional() }).loose();

/** A User as POSTed or PUT; attributes Vakt does not keep (title, phoneNumbers, addresses, the enterprise extension) are accepted and ignored. */
export const ScimUserInput = z
  .object({
    schemas: z.array(Text).optional(),
    userName: Text.trim().min(1, "is required").max(320),
    externalId: Text.max(200).nullish(),
    displayName: Text.trim().max(200).nullish(),
    name: z.object({ formatted: Text.max(200).nullish(), givenName: Text.max(100).nullish(), familyName: Text.max(100).nullish() }).loose().nullish(),
    emails: z.array(MultiValue).max(20).nullish(),
    active: ScimBoolean.optional(),
  })
  .loose();
export type ScimUserInput = z.infer<typeof ScimUserInput>;

const MemberRef = z.object({ value: Text.min(1).max(100), display: Text.optional() }).loose();

export const ScimGroupInput = z
  .object({
    schemas: z.array(Text).optional(),
    displayName: Text.trim().min(1, "is required").max(200),
    externalId: Text.max(200).nullish(),
    members: z.array(MemberRef).max(10_000).nullish(),
  })
  .loose();
export type ScimGroupInput = z.infer<typeof ScimGroupInput>;

/** One operation of a PatchOp; `op` in any case (Entra sends "Replace", "Add", "Remove"). */
export const ScimPatchOperation = z
  .object({
    op: Text.regex(/^(add|replace|remove)$/i, "must be add, replace or remove").transform((s) => s.toLowerCase() as "add" | "replace" | "remove"),
    path: Text.max(300).optional(),
    value: z.unknown().optional(),
  })
  .loose();
export type ScimPatchOperation = z.infer<typeof ScimPatchOperation>;

export const ScimPatchBody = z
  .object({
    schemas: z.array(Text).optional(),
    Operations: z.array(ScimPatchOperation).min(1, "needs at least one operation").max(1000),
  })
  .loose();

export const ScimListQuery = z
  .object({
    filter: Text.max(500).optional(),
    startIndex: z.coerce.number().int().optional().transform((n) => Math.max(1, n ?? 1)),
    count: z.coerce.number().int().optional().transform((n) => (n === undefined ? undefined : Math.min(Math.max(0, n), 200))),
    attributes: Text.max(500).optional(),
    excludedAttributes: Text.max(500).optional(),
  })
  .loose();

export const ScimResourceQuery = z.object({ attributes: Text.max(500).optional(), excludedAttributes: Text.max(500).optional() }).loose();

export const ScimIdParams = z.object({ id: Text.min(1).max(100) });

const Meta = z.object({ resourceType: z.string(), created: z.string().optional(), lastModified: z.string().optional(), location: z.string() });

export const ScimUser = z
  .object({
    schemas: z.array(z.string()),
    id: z.uuid(),
    externalId: z.string().optional(),
    userName: z.string(),
    displayName: z.string(),
    name: z.object({ formatted: z.string() }),
    emails: z.array(z.object({ value: z.string(), type: z.string(), primary: z.boolean() })),
    active: z.boolean(),
    groups: z.array(z.object({ value: z.uuid(), display: z.string(), $ref: z.string() })),
    meta: Meta,
  })
  .meta({ id: "ScimUser" });
export type ScimUser = z.infer<typeof ScimUser>;

export const ScimGroup = z
  .object({
    schemas: z.array(z.string()),
    id: z.uuid(),
    externalId: z.string().optional(),
    displayName: z.string(),
    members: z.array(z.object({ value: z.uuid(), display: z.string(), $ref: z.string() })).optional(),
    meta: Meta,
  })
  .meta({ id: "ScimGroup" });
export type ScimGroup = z.infer<typeof ScimGroup>;

export const scimListResponse = <T extends z.ZodType>(item: T) =>
  z.object({ schemas: z.array(z.string()), totalResults: z.number().int(), startIndex: z.number().int(), itemsPerPage: z.number().int(), Resources: z.array(item) });

export const ScimError = z
  .object({ schemas: z.array(z.string()), status: z.string(), scimType: z.string().optional(), detail: z.string() })
  .meta({ id: "ScimError" });
