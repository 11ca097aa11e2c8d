import type { Router } from "express";
import { ChangePasswordBody, ChangePasswordResponse } from "../../shared/schemas/auth.js";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { TooManyRequestsError, ValidationError } from "../http/errors.js";
import { recordWrongCurrentPassword, replaceOwnPassword } from "./passwordService.js";
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
        await recordWrongCurrentPassword(app.prisma, { userId: user.id, by: auditActor(req) });
        throw ValidationError.field("currentPassword", "is not your current password");
      }
      await attempt.succeeded();
      assertAcceptablePassword({ password: body.newPassword, email: user.email, name: user.name, field: "newPassword" });
      if (body.newPassword === body.currentPassword) throw ValidationError.field("newPassword", "must differ from the current password");
      const passwordHash = await hashPassword(body.newPassword);
      return replaceOwnPassword(app.prisma, {
        userId: user.id, passwordHash, keepSessionId: actor.sessionId, revokeTokens: body.revokeTokens, by: auditActor(req),
      });
    },
  });
}
