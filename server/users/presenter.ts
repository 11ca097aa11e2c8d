import type { User } from "../generated/prisma/client.js";
import type { UserView } from "../../shared/schemas/auth.js";
import { languageOf } from "../../shared/i18n/index.js";

export function presentUser(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organizationId: u.organizationId,
    active: u.active,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    language: u.language ? languageOf(u.language) : null,
    timeZone: u.timeZone,
  };
}
