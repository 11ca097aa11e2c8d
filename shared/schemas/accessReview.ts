import { z } from "zod";
import { RoleSchema } from "./auth.js";
import { UserFactors } from "./mfa.js";

/** GET /api/access-review (server/users/accessReview.ts). */
export const AccessReviewResponse = z.object({
  unusedDays: z.number().int(),
  cutoff: z.string(),
  users: z.array(z.object({
    id: z.uuid(), email: z.string(), name: z.string(), role: RoleSchema, active: z.boolean(),
    organization: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    lastSignInAt: z.string().nullable(), createdAt: z.string(), flaggedUnused: z.boolean(),
    /** Last sign-in or API token use (never used: creation); what account retention counts from. */
    lastUsedAt: z.string(),
    deactivatedAt: z.string().nullable(),
    anonymised: z.boolean(),
    /** Which second factors the user holds (docs/security/mfa.md). */
    factors: UserFactors,
    tokens: z.array(z.object({ id: z.uuid(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revoked: z.boolean() })),
    /** Restricted incidents the user joined by break-glass (reference only; docs/security/need-to-know.md). */
    breakGlass: z.array(z.object({ incidentId: z.uuid(), reference: z.string(), at: z.string(), reason: z.string().nullable() })),
  })),
});
export const DeactivatedUnused = z.object({ deactivated: z.array(z.string()).meta({ description: "E-mail addresses of the accounts deactivated" }) });
