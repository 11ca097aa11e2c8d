import { Router } from "express";
import { rateLimit, ipKeyGenerator } from "express-rate-limit";
import { LoginBody, LoginResponse } from "../../shared/schemas/auth.js";
import { permissionsOf } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import { route } from "../http/route.js";
import { TooManyRequestsError, UnauthorizedError } from "../http/errors.js";
import { appendAudit, inTransaction } from "../audit/service.js";
import { auditActor } from "./middleware.js";
import { dummyHash, verifyPassword } from "./passwords.js";
import { clearSessionCookie, cookieOptions, createSession, sessionCookieName } from "./sessions.js";
import { DatabaseRateLimitStore } from "./rateLimitStore.js";
import { presentUser } from "../users/presenter.js";

const BAD_CREDENTIALS = "Invalid email or password.";

export function authRoutes(app: AppContext): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: app.config.LOGIN_RATE_LIMIT,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    store: new DatabaseRateLimitStore(app.prisma, "login:"),
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? "unknown")}:${String(req.body?.email ?? "").toLowerCase()}`,
    handler: (_req, _res, next) => next(new TooManyRequestsError("Too many sign-in attempts. Wait 15 minutes and try again.")),
  });

  route(router, app, {
    method: "post", path: "/api/auth/login", tag: "auth", summary: "Sign in with e-mail and password",
    auth: "public", before: [loginLimiter], body: LoginBody, response: LoginResponse,
    handler: async ({ req, res, body }) => {
      const user = await app.prisma.user.findUnique({ where: { email: body.email } });
      const ok = user ? await verifyPassword(body.password, user.passwordHash) : (await verifyPassword(body.password, await dummyHash()), false);
      if (!user || !ok || !user.active) {
        await inTransaction(app.prisma, (tx) =>
          appendAudit(tx, { actorId: user?.id ?? null, actorLabel: body.email, requestId: String(req.id) }, {
            action: "auth.login_failed", targetType: "user", targetId: user?.id ?? null,
            after: { reason: !user ? "unknown_email" : !ok ? "wrong_password" : "inactive" },
          }),
        );
        throw new UnauthorizedError(BAD_CREDENTIALS);
      }
      const { cookie, csrfToken } = await inTransaction(app.prisma, async (tx) => {
        const s = await createSession({
          tx, config: app.config, userId: user.id, method: "password", userAgent: req.get("user-agent"), ipAddress: req.ip,
        });
        await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
        await appendAudit(tx, { actorId: user.id, actorLabel: user.email, requestId: String(req.id) }, {
          action: "auth.login", targetType: "user", targetId: user.id,
        });
        return s;
      });
      res.cookie(sessionCookieName(app.config), cookie, cookieOptions(app));
      return { user: presentUser(user), csrfToken, permissions: permissionsOf(user.role) };
    },
  });

  route(router, app, {
    method: "get", path: "/api/auth/me", tag: "auth", summary: "The signed-in user", auth: "signedIn", response: LoginResponse,
    handler: async ({ actor }) => {
      const user = await app.prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
      return { user: presentUser(user), csrfToken: actor.csrfToken ?? "", permissions: permissionsOf(user.role) };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/logout", tag: "auth", summary: "Sign out (ends the session)", auth: "signedIn",
    handler: async ({ req, res, actor }) => {
      await inTransaction(app.prisma, async (tx) => {
        if (actor.sessionId) await tx.session.deleteMany({ where: { id: actor.sessionId } });
        await appendAudit(tx, auditActor(req), { action: "auth.logout", targetType: "user", targetId: actor.id });
      });
      clearSessionCookie(app, res);
      return { ok: true };
    },
  });

  return router;
}
