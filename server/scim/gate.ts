import { timingSafeEqual } from "node:crypto";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import type { AppContext } from "../context.js";
import type { AuditActor } from "../audit/service.js";
import { authenticate } from "../auth/middleware.js";
import { sha256 } from "../auth/tokens.js";
import { toHttpError } from "../http/errorHandler.js";
import { can } from "../../shared/permissions.js";
import { SCIM_CONTENT_TYPE, SCIM_SCHEMAS } from "../../shared/schemas/scim.js";
import { ScimError } from "./errors.js";
import { requestIdOf } from "../http/requestId.js";

declare module "express-serve-static-core" {
  interface Locals {
    /** Who made a SCIM request: the IdP by SCIM_TOKEN, or an admin's API token of scope scim. */
    scimActor?: AuditActor;
  }
}

const sameSecret = (a: string, b: string) => timingSafeEqual(Buffer.from(sha256(a)), Buffer.from(sha256(b)));

/** SCIM answers in application/scim+json, reads it (and plain JSON), and is never cached. */
export const scimTransport: RequestHandler[] = [
  (_req, res, next) => {
    res.type(SCIM_CONTENT_TYPE).setHeader("cache-control", "no-store");
    next();
  },
  express.json({ type: ["application/json", SCIM_CONTENT_TYPE, "application/*+json"], limit: "1mb" }),
];

/**
 * The SCIM bearer token: SCIM_TOKEN (compared in constant time), or a live API token with the
 * scope `scim` whose owner is an active administrator. Nothing else opens /scim/v2, and a scim
 * token opens nothing else (its scope holds no other permission).
 */
export function scimAuth(app: AppContext): RequestHandler[] {
  const tokenActor = authenticate(app);
  return [
    ...scimTransport,
    (req, res, next) => {
      const header = req.headers.authorization ?? "";
      const secret = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
      const requestId = requestIdOf(req);
      if (secret && app.config.SCIM_TOKEN && sameSecret(secret, app.config.SCIM_TOKEN)) {
        res.locals.scimActor = { actorId: null, actorLabel: "scim", requestId };
        return next();
      }
      if (!secret) return next(new ScimError(401, undefined, "A SCIM bearer token is required."));
      // The same lookup as every API call: revoked, expired, idle or a deactivated owner give no actor; use is recorded.
      void tokenActor(req, res, (err?: unknown) => {
        if (err) return next(err);
        const actor = req.actor;
        if (actor?.via === "token" && actor.scopes?.includes("scim") && can(actor.role, "scim.provision")) {
          res.locals.scimActor = { actorId: actor.id, actorLabel: `scim:${actor.email}`, requestId };
          return next();
        }
        next(new ScimError(401, undefined, "The bearer token is not a valid SCIM token."));
      });
    },
  ];
}

/** Every error under /scim in SCIM's error schema (RFC 7644 §3.12): status as a string, scimType where one applies. */
export const scimErrorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const e = toHttpError(err);
  if (!e) req.log?.error({ err }, "unhandled SCIM error");
  const status = e?.status ?? 500;
  const scimType =
    typeof e?.extra.scimType === "string" ? e.extra.scimType
      : e?.code === "validation_failed" ? "invalidValue"
        : e?.code === "conflict" ? "uniqueness" : undefined;
  if (status === 401) res.setHeader("www-authenticate", 'Bearer realm="scim"');
  res.status(status).type(SCIM_CONTENT_TYPE).json({
    schemas: [SCIM_SCHEMAS.error], status: String(status), ...(scimType ? { scimType } : {}),
    detail: e?.message ?? "Internal error.",
  });
};
