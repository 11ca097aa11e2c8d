import type { User } from "../generated/prisma/client.js";
import type { UserView } from "../../shared/schemas/auth.js";

export function presentUser(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organizationId: u.organizationId,
    active: u.active,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
  };
}
