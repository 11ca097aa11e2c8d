import { Router } from "express";
import type { AppContext } from "../context.js";
import type { Prisma } from "../db/client.js";
import { route } from "../http/route.js";
import { appendAudit, inTransaction, type AuditActor } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { AccessReviewResponse, DeactivatedUnused } from "../../shared/schemas/accessReview.js";
import { cutOffAccess } from "./service.js";
import { securityEvents } from "./securityEvents.js";
import { SecurityEventsQuery, SecurityEventsResponse } from "../../shared/schemas/securityEvents.js";

type UseRecord = { lastSignInAt: Date | null; createdAt: Date; tokens: { lastUsedAt: Date | null }[] };

/** An account's last use: its last sign-in or the last use of any of its API tokens (never used: its creation). */
export function lastUseOf(u: UseRecord): Date {
  const times = [u.lastSignInAt ?? u.createdAt, ...u.tokens.flatMap((t) => (t.lastUsedAt ? [t.lastUsedAt] : []))];
  return new Date(Math.max(...times.map((t) => t.getTime())));
}

/** Whether an account has gone unused longer than the review period; token use counts as use. */
function unusedSince(u: UseRecord, cutoff: Date) {
  return lastUseOf(u) < cutoff;
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
      lastUsedAt: lastUseOf(u).toISOString(), deactivatedAt: u.deactivatedAt?.toISOString() ?? null, anonymised: Boolean(u.anonymisedAt),
      flaggedUnused: u.active && unusedSince(u, cutoff),
      factors: { totp: Boolean(u.totp?.confirmedAt), passkeys: u.passkeys.length, recoveryCodesLeft: u.recoveryCodes.length },
      tokens: u.tokens.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revoked: Boolean(t.revokedAt) })),
      breakGlass: u.incidentMemberships.map((m) => ({ incidentId: m.incidentId, reference: m.incident.reference, at: m.createdAt.toISOString(), reason: m.reason })),
    })),
  };
}

/**
 * Deactivates active accounts unused beyond the period (never the last active admin), ends their
 * sessions and revokes their tokens; every change audited. Staff and controller accounts alike.
 */
export async function deactivateUnused(prisma: Prisma, actor: AuditActor, unusedDays: number, now = new Date()) {
  const cutoff = new Date(now.getTime() - unusedDays * 86400_000);
  return inTransaction(prisma, async (tx) => {
    const active = await tx.user.findMany({ where: { active: true }, include: { tokens: { select: { lastUsedAt: true } } } });
    const candidates = active.filter((u) => unusedSince(u, cutoff));
    const activeAdmins = await tx.user.count({ where: { active: true, role: "admin" } });
    const adminsLeft = activeAdmins - candidates.filter((u) => u.role === "admin").length;
    const targets = adminsLeft > 0 ? candidates : candidates.filter((u) => u.role !== "admin");
    const done: typeof targets = [];
    for (const u of targets) {
      // Conditional, so two runs at once (or an admin meanwhile) never deactivate or audit twice.
      // The IdP sees the account inactive too (GET /scim/v2/Users); it may switch it on again explicitly.
      const scim = u.scimActive === null ? {} : { scimActive: false };
      const { count } = await tx.user.updateMany({ where: { id: u.id, active: true }, data: { active: false, deactivatedAt: now, ...scim } });
      if (count === 0) continue;
      done.push(u);
      const cut = await cutOffAccess(tx, u.id);
      await appendAudit(tx, actor, {
        action: "user.deactivated_unused", targetType: "user", targetId: u.id, organizationId: u.organizationId,
        before: { active: true, lastSignInAt: u.lastSignInAt, lastUsedAt: lastUseOf(u) }, after: { active: false, unusedDays, ...cut },
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
    method: "get", path: "/api/access-review/events", tag: "users",
    summary: "Security events, newest first: sign-ins (method, factor), failures, factor changes, sessions, token use, account and SCIM changes, break-glass",
    auth: "access.review", query: SecurityEventsQuery, response: SecurityEventsResponse,
    handler: ({ query }) => securityEvents(app.prisma, query),
  });
  route(router, app, {
    method: "post", path: "/api/access-review/deactivate-unused", tag: "users", summary: "Deactivate the accounts flagged as unused", auth: "user.manage", stepUp: true,
    response: DeactivatedUnused,
    handler: async ({ req }) => ({ deactivated: await deactivateUnused(app.prisma, auditActor(req), app.config.ACCESS_REVIEW_UNUSED_DAYS) }),
  });
  return router;
}

