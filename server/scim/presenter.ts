import { SCIM_SCHEMAS, type ScimGroup, type ScimUser } from "../../shared/schemas/scim.js";

export interface ScimUserRecord {
  id: string;
  email: string;
  name: string;
  active: boolean;
  scimUserName: string | null;
  scimExternalId: string | null;
  scimActive: boolean | null;
  createdAt: Date;
  updatedAt: Date;
  scimGroups: { group: { id: string; displayName: string } }[];
}

export interface ScimGroupRecord {
  id: string;
  displayName: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  members: { user: { id: string; name: string } }[];
}

/** The user as the IdP sees it: `active` is what the IdP last asked for (Vakt may still hold the account inactive for want of a role). */
export function presentScimUser(u: ScimUserRecord, baseUrl: string): ScimUser {
  return {
    schemas: [SCIM_SCHEMAS.user],
    id: u.id,
    ...(u.scimExternalId ? { externalId: u.scimExternalId } : {}),
    userName: u.scimUserName ?? u.email,
    displayName: u.name,
    name: { formatted: u.name },
    emails: [{ value: u.email, type: "work", primary: true }],
    active: u.scimActive ?? u.active,
    groups: u.scimGroups.map(({ group }) => ({ value: group.id, display: group.displayName, $ref: `${baseUrl}/Groups/${group.id}` })),
    meta: { resourceType: "User", created: u.createdAt.toISOString(), lastModified: u.updatedAt.toISOString(), location: `${baseUrl}/Users/${u.id}` },
  };
}

export function presentScimGroup(g: ScimGroupRecord, baseUrl: string, { members }: { members: boolean }): ScimGroup {
  return {
    schemas: [SCIM_SCHEMAS.group],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    ...(members ? { members: g.members.map(({ user }) => ({ value: user.id, display: user.name, $ref: `${baseUrl}/Users/${user.id}` })) } : {}),
    meta: { resourceType: "Group", created: g.createdAt.toISOString(), lastModified: g.updatedAt.toISOString(), location: `${baseUrl}/Groups/${g.id}` },
  };
}

export function listResponse<T>(items: T[], { total, startIndex }: { total: number; startIndex: number }) {
  return { schemas: [SCIM_SCHEMAS.listResponse], totalResults: total, startIndex, itemsPerPage: items.length, Resources: items };
}
