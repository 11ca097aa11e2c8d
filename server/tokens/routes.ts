import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { auditActor } from "../auth/middleware.js";
import { CreateTokenBody, CreateTokenResponse, TokenView } from "../../shared/schemas/token.js";
import { presentToken } from "./presenter.js";
import { createToken, revokeOwnToken, tokensOf } from "./service.js";

/** API tokens: scoped, expiring, shown once, stored hashed; each user manages their own. */
export function tokenRoutes(app: AppContext): Router {
  const router = Router();

  route(router, app, {
    method: "post", path: "/api/tokens", tag: "auth", summary: "Create an API token (scoped, expiring, shown once, stored hashed)",
    auth: "token.create", stepUp: true, body: CreateTokenBody, response: CreateTokenResponse, status: 201,
    handler: ({ req, actor, body }) => createToken(app.prisma, { owner: actor, input: body, config: app.config, by: auditActor(req) }),
  });

  route(router, app, {
    method: "get", path: "/api/tokens", tag: "auth", summary: "My API tokens", auth: "token.create",
    response: z.object({ items: z.array(TokenView) }),
    handler: async ({ actor }) => ({
      items: (await tokensOf(app.prisma, actor.id)).map((t) => presentToken(t, app.config.TOKEN_IDLE_DAYS)),
    }),
  });

  route(router, app, {
    method: "delete", path: "/api/tokens/:id", tag: "auth", summary: "Revoke one of my API tokens", auth: "token.create", stepUp: true, params: IdParams,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ req, actor, params }) => {
      await revokeOwnToken(app.prisma, { ownerId: actor.id, tokenId: params.id, by: auditActor(req) });
      return { ok: true as const };
    },
  });
  return router;
}
