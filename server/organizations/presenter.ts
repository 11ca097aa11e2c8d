import type { z } from "zod";
import type { Organization, System } from "../generated/prisma/client.js";
import { noticeHoursWarnings } from "../../shared/breach/noticeHours.js";
import { OrganizationView, type Contact } from "../../shared/schemas/organization.js";

export function presentOrganization(o: Organization): z.infer<typeof OrganizationView> {
  return {
    id: o.id, name: o.name, country: o.country, language: OrganizationView.shape.language.parse(o.language), orgNumber: o.orgNumber, postalAddress: o.postalAddress,
    contacts: o.contacts as z.infer<typeof Contact>[],
    noticeHours: o.noticeHours, self: o.self, createdAt: o.createdAt.toISOString(),
    warnings: noticeHoursWarnings(o.noticeHours),
  };
}

export function presentSystem(s: System & { organizations: { organizationId: string }[] }) {
  return { id: s.id, name: s.name, description: s.description, organizationIds: s.organizations.map((o) => o.organizationId) };
}
