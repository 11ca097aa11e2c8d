import { Router } from "express";
import { rateLimit, ipKeyGenerator } from "express-rate-limit";
import { z } from "zod";
import { LoginBody, LoginOutcome, LoginResponse, CreateTokenBody, CreateTokenResponse } from "../../shared/schemas/auth.js";
import { permissionsOf } from "../../shared/permissions.js";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { NotFoundError, TooManyRequestsError, UnauthorizedError } from "../http/errors.js";
import { appendAudit, inTransaction } from "../audit/service.js";
import { auditActor } from "./middleware.js";
import { dummyHash, verifyPassword } from "./passwords.js";
import { SESSION_COOKIE, cookieOptions, createSession } from "./sessions.js";
import { DatabaseRateLimitStore } from "./rateLimitStore.js";
import { newSecret } from "./tokens.js";
import { presentUser } from "../users/presenter.js";
import { presentMfaState, startSecondStep } from "../mfa/service.js";
import { sessionMfa } from "../mfa/policy.js";

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
    auth: "public", before: [loginLimiter], body: LoginBody, response: LoginOutcome,
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
      // A user with a second factor gets no session until it is proven (POST /api/auth/login/mfa).
      const secondStep = await startSecondStep(app, req, user);
      if (secondStep) return secondStep;
      const { cookie, csrfToken } = await inTransaction(app.prisma, async (tx) => {
        const s = await createSession({
          tx, config: app.config, userId: user.id, method: "password", userAgent: req.get("user-agent"), ipAddress: req.ip,
        });
        await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
        await appendAudit(tx, { actorId: user.id, actorLabel: user.email, requestId: String(req.id) }, {
          action: "auth.login", targetType: "user", targetId: user.id, after: { method: "password", factor: null },
        });
        return s;
      });
      res.cookie(SESSION_COOKIE, cookie, cookieOptions(app));
      const mfa = presentMfaState(app, sessionMfa({ config: app.config, role: user.role, method: "password", mfaAt: null, enrolled: false }));
      return { user: presentUser(user), csrfToken, permissions: permissionsOf(user.role), mfa };
    },
  });

  route(router, app, {
    method: "get", path: "/api/auth/me", tag: "auth", summary: "The signed-in user and the session's second-factor state", auth: "signedIn",
    mfa: "prove", response: LoginResponse,
    handler: async ({ actor }) => {
      const user = await app.prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
      const mfa = actor.mfa ? presentMfaState(app, actor.mfa) : undefined;
      return { user: presentUser(user), csrfToken: actor.csrfToken ?? "", permissions: permissionsOf(user.role), mfa };
    },
  });

  route(router, app, {
    method: "post", path: "/api/auth/logout", tag: "auth", summary: "Sign out (ends the session)", auth: "signedIn", mfa: "prove",
    handler: async ({ req, res, actor }) => {
      await inTransaction(app.prisma, async (tx) => {
        if (actor.sessionId) await tx.session.deleteMany({ where: { id: actor.sessionId } });
        await appendAudit(tx, auditActor(req), { action: "auth.logout", targetType: "user", targetId: actor.id });
      });
      res.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true };
    },
  });

  route(router, app, {
    method: "post", path: "/api/tokens", tag: "auth", summary: "Create an API token (shown once, stored hashed)",
    auth: "token.create", stepUp: true, body: CreateTokenBody, response: CreateTokenResponse, status: 201,
    handler: async ({ req, actor, body }) => {
      const { secret, hash } = newSecret("vakt_");
      const token = await inTransaction(app.prisma, async (tx) => {
        const t = await tx.apiToken.create({ data: { userId: actor.id, name: body.name, tokenHash: hash } });
        await appendAudit(tx, auditActor(req), { action: "token.created", targetType: "api_token", targetId: t.id, after: { name: t.name } });
        return t;
      });
      return { id: token.id, name: token.name, token: secret };
    },
  });

  route(router, app, {
    method: "get", path: "/api/tokens", tag: "auth", summary: "My API tokens", auth: "token.create",
    response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() })) }),
    handler: async ({ actor }) => {
      const tokens = await app.prisma.apiToken.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" } });
      return {
        items: tokens.map((t) => ({
          id: t.id, name: t.name, createdAt: t.createdAt.toISOString(),
          lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null,
        })),
      };
    },
  });

  route(router, app, {
    method: "delete", path: "/api/tokens/:id", tag: "auth", summary: "Revoke one of my API tokens", auth: "token.create", stepUp: true, params: IdParams,
    handler: async ({ req, actor, params }) => {
      await inTransaction(app.prisma, async (tx) => {
        const t = await tx.apiToken.findFirst({ where: { id: params.id, userId: actor.id, revokedAt: null } });
        if (!t) throw new NotFoundError("Token");
        await tx.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date() } });
        await appendAudit(tx, auditActor(req), { action: "token.revoked", targetType: "api_token", targetId: t.id, before: { name: t.name } });
      });
      return { ok: true };
    },
  });
  return router;
}
