import type { Router } from "express";
import { ChangePasswordBody, ChangePasswordResponse } from "../../shared/schemas/auth.js";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { TooManyRequestsError, ValidationError } from "../http/errors.js";
import { appendAudit, inTransaction } from "../audit/service.js";
import { auditActor } from "./middleware.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { assertAcceptablePassword } from "./passwordPolicy.js";
import type { SignInThrottle } from "./throttle.js";

/**
 * POST /api/auth/password: any signed-in user changes their own password with the current one.
 * Their other sessions end; their API tokens are revoked when they ask for it.
 */
export function passwordChangeRoute(router: Router, app: AppContext, throttle: SignInThrottle) {
  route(router, app, {
    method: "post", path: "/api/auth/password", tag: "auth", summary: "Change my password (ends my other sessions; optionally revokes my API tokens)",
    auth: "signedIn", body: ChangePasswordBody, response: ChangePasswordResponse,
    handler: async ({ req, actor, body }) => {
      // A stolen session must not become an unthrottled oracle for the current password.
      const attempt = await throttle.attempt(actor.email, req.ip);
      if (!attempt.allowed) throw new TooManyRequestsError("Too many wrong current passwords. Wait 15 minutes and try again.");
      const user = await app.prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
      if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
        await inTransaction(app.prisma, (tx) =>
          appendAudit(tx, auditActor(req), { action: "auth.password_change_failed", targetType: "user", targetId: user.id, after: { reason: "wrong_current_password" } }),
        );
        throw ValidationError.field("currentPassword", "is not your current password");
      }
      await attempt.succeeded();
      assertAcceptablePassword({ password: body.newPassword, email: user.email, name: user.name, field: "newPassword" });
      if (body.newPassword === body.currentPassword) throw ValidationError.field("newPassword", "must differ from the current password");
      const passwordHash = await hashPassword(body.newPassword);
      return inTransaction(app.prisma, async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
        const ended = await tx.session.deleteMany({ where: { userId: user.id, ...(actor.sessionId ? { id: { not: actor.sessionId } } : {}) } });
        const revoked = body.revokeTokens
          ? await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } })
          : { count: 0 };
        await appendAudit(tx, auditActor(req), {
          action: "auth.password_changed", targetType: "user", targetId: user.id,
          after: { endedSessions: ended.count, revokedTokens: revoked.count },
        });
        return { ok: true as const, endedSessions: ended.count, revokedTokens: revoked.count };
      });
    },
  });
}
