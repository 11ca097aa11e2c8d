import { Router, type Request } from "express";
import { incidentOf } from "../incidents/policy.js";
import { rateLimit, ipKeyGenerator } from "express-rate-limit";
import { z } from "zod";
import { Text } from "../../shared/schemas/text.js";
import { zoneOfCountry } from "../../shared/breach/localTime.js";
import type { AppContext } from "../context.js";
import type { Tx } from "../db/client.js";
import { fileResponse, route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor, type Actor } from "../auth/middleware.js";
import { DatabaseRateLimitStore } from "../auth/rateLimitStore.js";
import { HttpError, TooManyRequestsError } from "../http/errors.js";
import {
  AckLinkResult, AckLinkView, AcknowledgeByLinkBody, AcknowledgedNotice, AffectedOrganizationNumbersBody, ApprovedDrafts, ControllerNumbers, DiscardedNotice,
  DraftedNotices, DraftNoticesBody, ListNoticesQuery, NoticeList, NoticeView, SentApproved, UpdateNoticeBody,
} from "../../shared/schemas/notice.js";
import {
  acknowledgeNotice, approveDrafts, portalLink, approveNotice, discardNotice, draftNotices, retryNotice, sendApproved, sendNotice, updateNotice,
} from "./service.js";
import { listNotices, loadNoticeView, presentNotices } from "./queries.js";
import { setControllerNumbers } from "./controllerNumbers.js";
import { linkSecret, verifyAckToken } from "./ackToken.js";
import { ackPageRoutes } from "./ackPage.js";
import { noticePdf, noticePdfFilename } from "./pdf.js";

/**
 * Drafting or sending for every controller of an incident is one transaction (all or nothing),
 * which for hundreds of controllers outlasts inTransaction's 20 s limit on a busy machine
 * (docs/performance.md: about 14 ms per notice on PostgreSQL, 7 ms on PGlite).
 */
const inBulkTransaction = <T>(prisma: AppContext["prisma"], fn: (tx: Tx) => Promise<T>) => prisma.$transaction(fn, { timeout: 300_000, maxWait: 10_000 });

const TokenParams = z.object({ token: Text.min(1).max(300) });
const OrgParams = z.object({ id: z.uuid({ message: "must be a valid id" }), organizationId: z.uuid({ message: "must be a valid id" }) });

export function noticeRoutes(app: AppContext): Router {
  const router = Router();
  const view = (actor: Actor, id: string) => loadNoticeView(app.prisma, actor, app.config, id);
  /** Links in mail point at PUBLIC_URL, or else at the host the request came to. */
  const link = async (req: Request) => ({ baseUrl: app.config.PUBLIC_URL ?? `${req.protocol}://${req.get("host")}`, secret: await linkSecret(app) });

  route(router, app, {
    method: "post", path: "/api/incidents/:id/notices", tag: "notices",
    summary: "Draft a notice to each affected controller (initial, update or final), in its language, with its own numbers",
    auth: "notice.manage", params: IdParams, body: DraftNoticesBody, status: 201, response: DraftedNotices,
    handler: async ({ req, actor, params, body }) => {
      const r = await inBulkTransaction(app.prisma, (tx) => draftNotices(tx, auditActor(req), app.config, params.id, body));
      return { drafted: await presentNotices(app.prisma, r.drafted, actor, app.config), skipped: r.skipped };
    },
  });
  route(router, app, {
    method: "post", path: "/api/incidents/:id/notices/approve", tag: "notices",
    summary: "Approve every draft of the incident the caller may approve (four eyes per notice); the others are listed with the reason",
    auth: "notice.approve", stepUp: true, params: IdParams, response: ApprovedDrafts,
    handler: ({ req, actor, params }) => inBulkTransaction(app.prisma, (tx) => approveDrafts(tx, actor, auditActor(req), app.config, params.id)),
  });
  route(router, app, {
    method: "post", path: "/api/incidents/:id/notices/send", tag: "notices", summary: "Send every approved notice of the incident (one transaction)",
    auth: "notice.send", stepUp: true, params: IdParams, response: SentApproved,
    handler: async ({ req, actor, params }) => {
      const l = await link(req);
      return inBulkTransaction(app.prisma, (tx) => sendApproved(tx, actor, auditActor(req), app.config, params.id, l));
    },
  });
  route(router, app, {
    method: "patch", path: "/api/incidents/:id/affected-organizations/:organizationId", tag: "notices",
    summary: "Set one affected controller's own numbers (approximate data subjects and records of its data)",
    auth: "breach.assess", params: OrgParams, body: AffectedOrganizationNumbersBody, response: ControllerNumbers,
    handler: ({ req, params, body }) =>
      inTransaction(app.prisma, (tx) => setControllerNumbers(tx, { by: auditActor(req), incidentId: params.id, organizationId: params.organizationId, numbers: body })),
  });

  route(router, app, {
    method: "get", path: "/api/notices", tag: "notices", summary: "Notices the caller may see (a controller: its organisation's notices that went out)",
    auth: "notice.read", query: ListNoticesQuery, response: NoticeList,
    handler: ({ actor, query }) => listNotices(app.prisma, actor, app.config, query),
  });
  // Before /api/notices/:id, which would otherwise take "<id>.pdf" as the id.
  route(router, app, {
    method: "get", path: "/api/notices/:id.pdf", incident: incidentOf.notice, tag: "notices", summary: "The notice as PDF", auth: "notice.read", params: IdParams, response: fileResponse("application/pdf", "The notice as PDF"),
    handler: async ({ res, actor, params }) => {
      const n = await view(actor, params.id);
      res.type("application/pdf");
      res.setHeader("content-disposition", `attachment; filename="${noticePdfFilename(n.reference)}"`);
      res.send(await noticePdf(n));
      return undefined;
    },
  });
  route(router, app, {
    method: "get", path: "/api/notices/:id", incident: incidentOf.notice, tag: "notices", summary: "One notice, with its delivery and what the caller may do", auth: "notice.read", params: IdParams,
    response: NoticeView,
    handler: ({ actor, params }) => view(actor, params.id),
  });
  route(router, app, {
    method: "delete", path: "/api/notices/:id", incident: incidentOf.notice, tag: "notices",
    summary: "Discard a draft or an approved notice that was not sent (only a controller's latest notice, so numbers stay gap-free); 409 otherwise, saying why",
    auth: "notice.manage", stepUp: true, params: IdParams, response: DiscardedNotice,
    handler: ({ req, params }) => inTransaction(app.prisma, (tx) => discardNotice(tx, auditActor(req), params.id)),
  });
  route(router, app, {
    method: "patch", path: "/api/notices/:id", incident: incidentOf.notice, tag: "notices", summary: "Edit a draft notice (subject, text, recipients); the editor cannot approve it",
    auth: "notice.manage", params: IdParams, body: UpdateNoticeBody, response: NoticeView,
    handler: async ({ req, actor, params, body }) => {
      await inTransaction(app.prisma, (tx) => updateNotice(tx, auditActor(req), app.config, params.id, body));
      return view(actor, params.id);
    },
  });
  route(router, app, {
    method: "post", path: "/api/notices/:id/approve", incident: incidentOf.notice, tag: "notices", summary: "Approve a draft (someone other than its last editor, unless NOTICE_FOUR_EYES=false)",
    auth: "notice.approve", stepUp: true, params: IdParams, response: NoticeView,
    handler: async ({ req, actor, params }) => {
      await inTransaction(app.prisma, (tx) => approveNotice(tx, actor, auditActor(req), app.config, params.id));
      return view(actor, params.id);
    },
  });
  route(router, app, {
    method: "post", path: "/api/notices/:id/send", incident: incidentOf.notice, tag: "notices", summary: "Send an approved notice (queued in the outbox, with its acknowledgement link)",
    auth: "notice.send", stepUp: true, params: IdParams, response: NoticeView,
    handler: async ({ req, actor, params }) => {
      const l = await link(req);
      await inTransaction(app.prisma, (tx) => sendNotice(tx, actor, auditActor(req), app.config, params.id, l));
      return view(actor, params.id);
    },
  });
  route(router, app, {
    method: "post", path: "/api/notices/:id/retry", incident: incidentOf.notice, tag: "notices", summary: "Queue a failed notice again", auth: "notice.send", stepUp: true, params: IdParams, response: NoticeView,
    handler: async ({ req, actor, params }) => {
      await inTransaction(app.prisma, (tx) => retryNotice(tx, auditActor(req), params.id));
      return view(actor, params.id);
    },
  });
  route(router, app, {
    method: "post", path: "/api/notices/:id/acknowledge", incident: incidentOf.notice, tag: "notices", summary: "Acknowledge a notice in the portal (a controller of its organisation)",
    auth: "portal.use", params: IdParams, response: AcknowledgedNotice,
    handler: async ({ req, actor, params }) => {
      await view(actor, params.id); // 404 for another organisation's notice
      const r = await inTransaction(app.prisma, (tx) => acknowledgeNotice(tx, auditActor(req), params.id, { via: "portal", name: actor.name, userId: actor.id }));
      return { ...(await view(actor, params.id)), alreadyAcknowledged: r.already };
    },
  });

  // Acknowledgement by link: no account; the signed, expiring token is the capability.
  const ackLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: app.config.LOGIN_RATE_LIMIT * 6,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    store: new DatabaseRateLimitStore(app.prisma, "ack:"),
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? "unknown"),
    handler: (_req, _res, next) => next(new TooManyRequestsError("Too many attempts. Wait 15 minutes and try again.")),
  });
  /** The notice behind a token; throws 404 (forged, altered, unknown) or 410 (expired) with the notice's language. */
  const byToken = async (token: string) => {
    const check = verifyAckToken(await linkSecret(app), token);
    const n = check.ok || check.reason === "expired" ? await app.prisma.notice.findUnique({ where: { id: check.noticeId } }) : null;
    if (!n) throw new HttpError(404, "invalid_link", "This acknowledgement link is not valid.");
    if (!check.ok) throw Object.assign(new HttpError(410, "link_expired", "This acknowledgement link has expired."), { lang: n.language });
    const [org, vendor] = await Promise.all([
      app.prisma.organization.findUnique({ where: { id: n.organizationId }, select: { name: true, country: true } }),
      app.prisma.organization.findFirst({ where: { self: true }, select: { name: true } }),
    ]);
    return { n, organization: org?.name ?? "", vendor: vendor?.name ?? app.config.VENDOR_NAME, zone: zoneOfCountry(org?.country, app.config.MAIL_TIME_ZONE) };
  };
  const ackBy = (token: string, name: string) =>
    byToken(token).then(({ n }) => inTransaction(app.prisma, (tx) => acknowledgeNotice(tx, { actorId: null, actorLabel: `ack link: ${name}` }, n.id, { via: "link", name })));
  const ackJson = (n: { id: string; subject: string; body: string; language: string; status: string; acknowledgedAt: Date | null; acknowledgedBy: string | null }) => ({
    noticeId: n.id, subject: n.subject, body: n.body, language: n.language, status: n.status, acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null, acknowledgedBy: n.acknowledgedBy,
  });

  route(router, app, {
    method: "get", path: "/api/ack/:token", tag: "notices", summary: "The notice behind an acknowledgement link", auth: "public", before: [ackLimiter], params: TokenParams, response: AckLinkView,
    handler: async ({ params }) => {
      const { n, organization, vendor } = await byToken(params.token);
      return { ...ackJson(n), organization, vendor };
    },
  });
  route(router, app, {
    method: "post", path: "/api/ack/:token", tag: "notices", summary: "Acknowledge by link (idempotent: a second time reports the first)", auth: "public",
    before: [ackLimiter], params: TokenParams, body: AcknowledgeByLinkBody, response: AckLinkResult,
    handler: async ({ params, body }) => {
      const r = await ackBy(params.token, body.name);
      return { ...ackJson(r.notice), alreadyAcknowledged: r.already };
    },
  });

  ackPageRoutes(router, {
    limiter: ackLimiter, find: byToken, acknowledge: ackBy,
    portalUrl: (req, incidentId) => portalLink(app.config.PUBLIC_URL ?? `${req.protocol}://${req.get("host")}`, incidentId),
  });
  return router;
}
