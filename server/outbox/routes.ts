import { Router } from "express";
import { incidentOf, visibleByOptionalIncidentId } from "../incidents/policy.js";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { ConflictError, NotFoundError, ValidationError } from "../http/errors.js";
import { ListOutboxQuery, OUTBOX_STATUSES, OutboxItem, OutboxList, OutboxMessageView } from "../../shared/schemas/outbox.js";
import { MailDeliveryStatus } from "../../shared/schemas/notice.js";
import { presentOutboxItem, presentOutboxMessage } from "./presenter.js";
import { retryMail } from "./service.js";

/** "Outgoing mail" for admins: every message and its delivery state; without SMTP_URL each says it was not delivered. */
export function outboxRoutes(app: AppContext): Router {
  const router = Router();
  const smtp = () => Boolean(app.config.SMTP_URL);

  route(router, app, {
    method: "get", path: "/api/outbox", tag: "outbox", summary: "Outgoing mail and its delivery state, newest first", auth: "outbox.read",
    query: ListOutboxQuery, response: OutboxList,
    handler: async ({ actor, query }) => {
      // Mail only: webhook deliveries have their own log (GET /api/webhooks/{id}/deliveries).
      const where = {
        kind: "email", AND: [await visibleByOptionalIncidentId(app.prisma, actor)],
        ...(query.status ? { status: query.status } : {}), ...(query.incidentId ? { incidentId: query.incidentId } : {}),
      };
      if (query.cursor && !(await app.prisma.outboxMessage.findFirst({ where: { ...where, id: query.cursor }, select: { id: true } })))
        throw ValidationError.field("query.cursor", "is not a message in this list");
      const [rows, grouped] = await Promise.all([
        app.prisma.outboxMessage.findMany({
          where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1,
          ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
        }),
        app.prisma.outboxMessage.groupBy({ by: ["status"], where: { kind: "email" }, _count: { _all: true } }),
      ]);
      const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, grouped.find((g) => g.status === s)?._count._all ?? 0]));
      const page = rows.slice(0, query.limit);
      return {
        smtpConfigured: smtp(), counts, items: page.map((m) => presentOutboxItem(m, smtp())),
        nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
      };
    },
  });

  // Before /api/outbox/:id. notice.send, not outbox.read: those who retry notices need to know.
  route(router, app, {
    method: "get", path: "/api/outbox/status", tag: "outbox", summary: "Whether mail can be delivered (an SMTP server is configured)", auth: "notice.send",
    response: MailDeliveryStatus,
    handler: () => ({ mailDelivery: { configured: smtp() } }),
  });

  route(router, app, {
    method: "get", path: "/api/outbox/:id", incident: incidentOf.outboxMessage, tag: "outbox", summary: "One message with its text and HTML parts", auth: "outbox.read",
    params: IdParams, response: OutboxMessageView,
    handler: async ({ params }) => {
      const m = await app.prisma.outboxMessage.findUnique({ where: { id: params.id } });
      if (!m) throw new NotFoundError("Message");
      return presentOutboxMessage(m, smtp());
    },
  });

  route(router, app, {
    method: "post", path: "/api/outbox/:id/retry", incident: incidentOf.outboxMessage, tag: "outbox", summary: "Queue a failed or undeliverable message again", auth: "outbox.manage",
    params: IdParams, response: OutboxItem,
    handler: async ({ req, params }) => {
      if (!smtp()) throw new ConflictError("No SMTP server is configured (SMTP_URL): the message cannot be delivered. Send it by hand, or configure SMTP_URL first.");
      return presentOutboxItem(await inTransaction(app.prisma, (tx) => retryMail(tx, auditActor(req), params.id)), true);
    },
  });
  return router;
}
