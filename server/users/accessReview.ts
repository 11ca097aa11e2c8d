import { Router } from "express";
import type { AppContext } from "../context.js";
import type { Prisma } from "../db/client.js";
import { route } from "../http/route.js";
import { appendAudit, inTransaction, SYSTEM_ACTOR, type AuditActor } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { z } from "zod";
import { RoleSchema } from "../../shared/schemas/auth.js";
import { UserFactors } from "../../shared/schemas/mfa.js";

const AccessReviewResponse = z.object({
  unusedDays: z.number().int(),
  cutoff: z.string(),
  users: z.array(z.object({
    id: z.uuid(), email: z.string(), name: z.string(), role: RoleSchema, active: z.boolean(),
    organization: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    lastSignInAt: z.string().nullable(), createdAt: z.string(), flaggedUnused: z.boolean(),
    /** Which second factors the user holds (docs/security/mfa.md). */
    factors: UserFactors,
    tokens: z.array(z.object({ id: z.uuid(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revoked: z.boolean() })),
    /** Restricted incidents the user joined by break-glass (reference only; docs/security/need-to-know.md). */
    breakGlass: z.array(z.object({ incidentId: z.uuid(), reference: z.string(), at: z.string(), reason: z.string().nullable() })),
  })),
});

/** Whether an account has gone unused longer than the review period (never signed in counts from creation). */
function unusedSince(u: { lastSignInAt: Date | null; createdAt: Date }, cutoff: Date) {
  return (u.lastSignInAt ?? u.createdAt) < cutoff;
}

export async function accessReview(prisma: Prisma, unusedDays: number, now = new Date()) {
  const cutoff = new Date(now.getTime() - unusedDays * 86400_000);
  const [users, orgs] = await Promise.all([
    prisma.user.findMany({
      orderBy: [{ active: "desc" }, { name: "asc" }],
      include: {
        tokens: true, totp: { select: { confirmedAt: true } }, passkeys: { select: { id: true } },
        recoveryCodes: { where: { usedAt: null }, select: { id: true } },
        incidentMemberships: { where: { via: "breakGlass" }, include: { incident: { select: { reference: true } } }, orderBy: { createdAt: "desc" } },
      },
    }),
    prisma.organization.findMany({ select: { id: true, name: true } }),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return {
    unusedDays,
    cutoff: cutoff.toISOString(),
    users: users.map((u) => ({
      id: u.id, email: u.email, name: u.name, role: u.role, active: u.active,
      organization: u.organizationId ? { id: u.organizationId, name: orgName.get(u.organizationId) ?? null } : null,
      lastSignInAt: u.lastSignInAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString(),
      flaggedUnused: u.active && unusedSince(u, cutoff),
      factors: { totp: Boolean(u.totp?.confirmedAt), passkeys: u.passkeys.length, recoveryCodesLeft: u.recoveryCodes.length },
      tokens: u.tokens.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revoked: Boolean(t.revokedAt) })),
      breakGlass: u.incidentMemberships.map((m) => ({ incidentId: m.incidentId, reference: m.incident.reference, at: m.createdAt.toISOString(), reason: m.reason })),
    })),
  };
}

/** Deactivates active accounts unused beyond the period (never the last active admin); every change audited. */
export async function deactivateUnused(prisma: Prisma, actor: AuditActor, unusedDays: number, now = new Date()) {
  const cutoff = new Date(now.getTime() - unusedDays * 86400_000);
  return inTransaction(prisma, async (tx) => {
    const candidates = (await tx.user.findMany({ where: { active: true } })).filter((u) => unusedSince(u, cutoff));
    const activeAdmins = await tx.user.count({ where: { active: true, role: "admin" } });
    const adminsLeft = activeAdmins - candidates.filter((u) => u.role === "admin").length;
    const targets = adminsLeft > 0 ? candidates : candidates.filter((u) => u.role !== "admin");
    const done: typeof targets = [];
    for (const u of targets) {
      // Conditional, so two runs at once (or an admin meanwhile) never deactivate or audit twice.
      const { count } = await tx.user.updateMany({ where: { id: u.id, active: true }, data: { active: false } });
      if (count === 0) continue;
      done.push(u);
      await tx.session.deleteMany({ where: { userId: u.id } });
      await appendAudit(tx, actor, {
        action: "user.deactivated_unused", targetType: "user", targetId: u.id, organizationId: u.organizationId,
        before: { active: true, lastSignInAt: u.lastSignInAt }, after: { active: false, unusedDays },
      });
    }
    return done.map((u) => u.email);
  });
}

export function accessReviewRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/access-review", tag: "users",
    summary: "Users, roles, organisation, last sign-in, second factors, API tokens and their last use; unused accounts flagged",
    auth: "access.review", response: AccessReviewResponse,
    handler: () => accessReview(app.prisma, app.config.ACCESS_REVIEW_UNUSED_DAYS),
  });
  route(router, app, {
    method: "post", path: "/api/access-review/deactivate-unused", tag: "users", summary: "Deactivate the accounts flagged as unused", auth: "user.manage", stepUp: true,
    handler: async ({ req }) => ({ deactivated: await deactivateUnused(app.prisma, auditActor(req), app.config.ACCESS_REVIEW_UNUSED_DAYS) }),
  });
  return router;
}

export const deactivateUnusedJob = (ctx: AppContext) => deactivateUnused(ctx.prisma, SYSTEM_ACTOR, ctx.config.ACCESS_REVIEW_UNUSED_DAYS);
