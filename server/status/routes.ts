import { Router, type Request } from "express";
import { rateLimit, ipKeyGenerator } from "express-rate-limit";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { fileResponse, IdParams, route } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { DatabaseRateLimitStore } from "../auth/rateLimitStore.js";
import { HttpError, TooManyRequestsError } from "../http/errors.js";
import { readerLanguage } from "../http/language.js";
import { linkSecret } from "../notices/ackToken.js";
import { Text } from "../../shared/schemas/text.js";
import {
  IncidentStatusView, PostStatusUpdateBody, PublicStatusPage, StatusLangQuery, StatusServiceBody, StatusServiceList, StatusServiceView, StatusTokenBody,
  SubscribeAccepted, SubscribeBody, SubscriptionConfirmed, UpdateStatusServiceBody, StatusLanguage,
} from "../../shared/schemas/status.js";
import { confirmSubscription, createService, postStatusUpdate, requestSubscription, unsubscribe, updateService } from "./service.js";
import { incidentStatusView, presentService, publicStatusPage } from "./presenter.js";
import { statusAtomFeed } from "./feed.js";
import { verifyUnsubscribeToken } from "./tokens.js";
import type { StatusLinks } from "./mails.js";

const UnsubscribeParams = z.object({ token: Text.min(1).max(200) });
const Unsubscribed = z.object({ unsubscribed: z.literal(true), language: StatusLanguage });

/** The status page (issue 15 §6, docs/status-page.md): services and updates for staff, the public page, feed and subscriptions. */
export function statusRoutes(app: AppContext): Router {
  const router = Router();
  const links = async (): Promise<StatusLinks> => ({
    baseUrl: app.config.publicUrl, secret: await linkSecret(app), vendor: app.config.VENDOR_NAME, vendorLanguage: app.config.VENDOR_LANGUAGE,
  });
  const page = (req: Request, lang: z.infer<typeof StatusLanguage> | undefined) =>
    publicStatusPage(app.prisma, { lang: lang ?? readerLanguage(req), vendor: app.config.VENDOR_NAME, vendorLanguage: app.config.VENDOR_LANGUAGE });

  route(router, app, {
    method: "get", path: "/api/status/services", tag: "status", summary: "The services on the status page, archived ones included", auth: "incident.read",
    response: StatusServiceList,
    handler: async () => ({ items: (await app.prisma.statusService.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }] })).map(presentService) }),
  });
  route(router, app, {
    method: "post", path: "/api/status/services", tag: "status", summary: "Add a service to the status page (names in sv, nb, en)", auth: "status.manage",
    body: StatusServiceBody, status: 201, response: StatusServiceView,
    handler: ({ req, body }) => inTransaction(app.prisma, (tx) => createService(tx, auditActor(req), body)),
  });
  route(router, app, {
    method: "patch", path: "/api/status/services/:id", tag: "status", summary: "Rename, reorder or archive a service of the status page", auth: "status.manage",
    params: IdParams, body: UpdateStatusServiceBody, response: StatusServiceView,
    handler: ({ req, params, body }) => inTransaction(app.prisma, (tx) => updateService(tx, auditActor(req), { id: params.id, body })),
  });

  route(router, app, {
    method: "get", path: "/api/incidents/:id/status-updates", tag: "status", summary: "The incident's customer-facing title and its status updates",
    auth: "incident.read", params: IdParams, response: IncidentStatusView,
    handler: ({ params }) => incidentStatusView(app.prisma, params.id),
  });
  route(router, app, {
    method: "post", path: "/api/incidents/:id/status-updates", tag: "status",
    summary: "Publish a status update (state, text per language, affected services and organisations) and mail it to the subscribers who want it",
    auth: "status.publish", params: IdParams, body: PostStatusUpdateBody, status: 201, response: IncidentStatusView,
    handler: async ({ req, params, body }) => {
      const l = await links();
      await inTransaction(app.prisma, (tx) => postStatusUpdate(tx, { by: auditActor(req), incidentId: params.id, body, links: l }));
      return incidentStatusView(app.prisma, params.id);
    },
  });

  route(router, app, {
    method: "get", path: "/api/status", tag: "status", summary: "The public status page: services, current incidents and the last 90 days, in ?lang or Accept-Language",
    auth: "public", query: StatusLangQuery, response: PublicStatusPage,
    handler: ({ req, query }) => page(req, query.lang),
  });
  route(router, app, {
    method: "get", path: "/api/status/feed.atom", tag: "status", summary: "The public status updates as an Atom 1.0 feed", auth: "public",
    query: StatusLangQuery, response: fileResponse("application/atom+xml", "Atom 1.0 feed"),
    handler: async ({ req, res, query }) => {
      res.type("application/atom+xml; charset=utf-8").send(statusAtomFeed(await page(req, query.lang), { baseUrl: app.config.publicUrl }));
      return undefined;
    },
  });

  const limiter = (prefix: string, limit: number, windowMs: number, key: (req: Request) => string) => rateLimit({
    windowMs, limit, standardHeaders: "draft-8", legacyHeaders: false, store: new DatabaseRateLimitStore(app.prisma, prefix), keyGenerator: key,
    handler: (_req, _res, next) => next(new TooManyRequestsError("Too many subscription requests. Wait a while and try again.")),
  });
  const addressOf = (req: Request) => {
    const email = (req.body as { email?: unknown } | undefined)?.email;
    return typeof email === "string" ? email.trim().toLowerCase() : "";
  };
  const perAddress = limiter("status-sub-email:", 3, 60 * 60_000, addressOf);
  const perClient = limiter("status-sub-ip:", app.config.LOGIN_RATE_LIMIT, 15 * 60_000, (req) => ipKeyGenerator(req.ip ?? "unknown"));
  route(router, app, {
    method: "post", path: "/api/status/subscriptions", tag: "status",
    summary: "Subscribe to status updates by e-mail: a confirmation link is mailed (double opt-in). The answer never says whether the address was known",
    auth: "public", before: [perClient, perAddress], body: SubscribeBody, status: 202, response: SubscribeAccepted,
    handler: async ({ body }) => {
      const l = await links();
      return inTransaction(app.prisma, (tx) => requestSubscription(tx, { body, links: l }));
    },
  });
  route(router, app, {
    method: "post", path: "/api/status/subscriptions/confirm", tag: "status", summary: "Confirm a subscription by the token of its link (404 unknown, 410 expired)",
    auth: "public", before: [perClient], body: StatusTokenBody, response: SubscriptionConfirmed,
    handler: ({ body }) => inTransaction(app.prisma, (tx) => confirmSubscription(tx, body.token)),
  });
  route(router, app, {
    method: "post", path: "/api/status/unsubscribe/:token", tag: "status",
    summary: "One-click unsubscribe (RFC 8058: the List-Unsubscribe URL, POSTed with List-Unsubscribe=One-Click; the body is not needed)",
    auth: "public", before: [perClient], params: UnsubscribeParams, response: Unsubscribed,
    handler: async ({ params }) => {
      const id = verifyUnsubscribeToken(await linkSecret(app), params.token);
      if (!id) throw new HttpError(404, "invalid_link", "This unsubscribe link is not valid.");
      return inTransaction(app.prisma, (tx) => unsubscribe(tx, id));
    },
  });
  return router;
}
