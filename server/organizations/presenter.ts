import type { Organization, System } from "../generated/prisma/client.js";
import { noticeHoursWarnings } from "../../shared/breach/noticeHours.js";

export function presentOrganization(o: Organization) {
  return {
    id: o.id, name: o.name, country: o.country, language: o.language, orgNumber: o.orgNumber,
    contacts: o.contacts as { name: string; email: string; role: string }[],
    noticeHours: o.noticeHours, self: o.self, createdAt: o.createdAt.toISOString(),
    warnings: noticeHoursWarnings(o.noticeHours),
  };
}

export function presentSystem(s: System & { organizations: { organizationId: string }[] }) {
  return { id: s.id, name: s.name, description: s.description, organizationIds: s.organizations.map((o) => o.organizationId) };
}
