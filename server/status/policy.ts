/** Who hears about a status update (pure rules; server/status/service.ts applies them). */

export interface Audience {
  serviceIds: readonly string[];
  organizationIds: readonly string[];
}

/**
 * A subscriber with no filter hears every public update; a filtered one hears updates touching one of its services or
 * organisations. An update that is not public reaches only subscribers of the organisations it names.
 */
export function subscriberWants(sub: Audience, update: Audience & { public: boolean }): boolean {
  const touchesOrganization = sub.organizationIds.some((o) => update.organizationIds.includes(o));
  if (!update.public) return touchesOrganization;
  if (sub.serviceIds.length === 0 && sub.organizationIds.length === 0) return true;
  return touchesOrganization || sub.serviceIds.some((s) => update.serviceIds.includes(s));
}

/** How many days the public page looks back. */
export const HISTORY_DAYS = 90;
