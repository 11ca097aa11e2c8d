import type { RequestHandler } from "express";
import { can, type Permission } from "../../shared/permissions.js";
import { scopeFor, scopesAllow } from "../../shared/tokenScopes.js";
import type { Role } from "../../shared/roles.js";
import type { AppContext } from "../context.js";
import { ForbiddenError, UnauthorizedError } from "../http/errors.js";
import type { AuditActor } from "../audit/service.js";
import { sha256 } from "./tokens.js";
import { resolveSession, sessionCookieName } from "./sessions.js";
import { hotRead, isoTime } from "../http/hotRead.js";
import { Prisma as PrismaNS } from "../generated/prisma/client.js";

const { sql } = PrismaNS;

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  via: "session" | "token";
  /** For API tokens: what the token may be used for, on top of the owner's role. */
  scopes?: readonly string[];
  sessionId?: string;
  csrfToken?: string;
}

declare module "express-serve-static-core" {
  interface Request {
    actor?: Actor;
  }
}

type UserRow = { id: string; email: string; name: string; role: Role; organizationId: string | null };

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const TOKEN_TOUCH_MS = 60_000;

/** Attaches req.actor from the session cookie or a Bearer API token; never rejects by itself. */
export function authenticate(app: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      // Every API call makes this lookup: hotRead skips Prisma's per-call overhead on PGlite.
      // Revoked, expired, idle for TOKEN_IDLE_DAYS, or owned by a deactivated user: no actor (tokenStatus says the same).
      const [token] = await hotRead<UserRow & { tokenId: string; lastUsedAt: string | null; scopes: string[] }>(app.db, sql`
        SELECT t.id AS "tokenId", ${isoTime(`t."lastUsedAt"`)} AS "lastUsedAt", t.scopes,
               u.id, u.email, u.name, u.role::text AS role, u."organizationId"
        FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
        WHERE t."tokenHash" = ${sha256(header.slice(7).trim())} AND t."revokedAt" IS NULL AND u.active
          AND (t."expiresAt" IS NULL OR t."expiresAt" > now())
          AND COALESCE(t."lastUsedAt", t."createdAt") > now() - make_interval(days => ${app.config.TOKEN_IDLE_DAYS}::int)`);
      if (token) {
        req.actor = {
          id: token.id, email: token.email, name: token.name, role: token.role, organizationId: token.organizationId,
          via: "token", scopes: token.scopes,
        };
        if (!token.lastUsedAt || Date.now() - Date.parse(token.lastUsedAt) > TOKEN_TOUCH_MS)
          await app.prisma.apiToken.update({ where: { id: token.tokenId }, data: { lastUsedAt: new Date() } });
      }
      return next();
    }
    const cookie = req.cookies?.[sessionCookieName(app.config)];
    if (typeof cookie === "string" && cookie) {
      const found = await resolveSession(app, cookie);
      if (found) {
        const { session, user } = found;
        req.actor = {
          id: user.id, email: user.email, name: user.name, role: user.role, organizationId: user.organizationId,
          via: "session", sessionId: session.id, csrfToken: session.csrfToken,
        };
      }
    }
    next();
  };
}

/** Signed in, CSRF-checked for cookie sessions, and holding `permission` when one is named. */
export function requireAuth(permission?: Permission): RequestHandler {
  return (req, _res, next) => {
    const actor = req.actor;
    if (!actor) return next(new UnauthorizedError());
    if (actor.via === "session" && !SAFE.has(req.method) && req.get("x-csrf-token") !== actor.csrfToken)
      return next(new ForbiddenError("Missing or invalid X-CSRF-Token header."));
    if (permission && !can(actor.role, permission)) return next(new ForbiddenError());
    if (permission && actor.via === "token" && !scopesAllow(actor.scopes ?? [], permission))
      return next(new ForbiddenError(`This API token lacks the scope ${scopeFor(permission)}.`));
    next();
  };
}

export function auditActor(req: { actor?: Actor; id?: unknown }): AuditActor {
  return { actorId: req.actor?.id ?? null, actorLabel: req.actor?.email ?? "anonymous", requestId: req.id ? String(req.id) : null };
}
