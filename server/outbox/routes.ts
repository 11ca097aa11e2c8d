import { Router } from "express";
import { z } from "zod";
import type { AppContext } from "../context.js";
import { route, IdParams } from "../http/route.js";
import { appendAudit, inTransaction } from "../audit/service.js";
import { auditActor } from "../auth/middleware.js";
import { NotFoundError } from "../http/errors.js";

const Query = z.object({ status: z.enum(["pending", "sending", "sent", "failed"]).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

/** "Outgoing mail" for admins; without SMTP_URL nothing is delivered and every message says so. */
export function outboxRoutes(app: AppContext): Router {
  const router = Router();
  route(router, app, {
    method: "get", path: "/api/outbox", tag: "outbox", summary: "Outgoing mail and its delivery state", auth: "outbox.read", query: Query,
    handler: async ({ query }) => {
      const rows = await app.prisma.outboxMessage.findMany({ where: query.status ? { status: query.status } : {}, orderBy: { createdAt: "desc" }, take: query.limit });
      return {
        smtpConfigured: Boolean(app.config.SMTP_URL),
        items: rows.map((m) => ({
          id: m.id, to: m.to, subject: m.subject, text: m.text, status: m.status, attempts: m.attempts, lastError: m.lastError,
          sentAt: m.sentAt?.toISOString() ?? null, createdAt: m.createdAt.toISOString(), incidentId: m.incidentId,
          delivered: m.status === "sent",
          note: m.status === "sent" ? null : app.config.SMTP_URL ? (m.status === "failed" ? "Delivery failed; retry when the mail server works." : "Waiting for delivery.") : "Not delivered: no SMTP server is configured (SMTP_URL).",
        })),
      };
    },
  });
  route(router, app, {
    method: "post", path: "/api/outbox/:id/retry", tag: "outbox", summary: "Send a failed message again", auth: "outbox.read", params: IdParams,
    handler: async ({ req, params }) => {
      await inTransaction(app.prisma, async (tx) => {
        const m = await tx.outboxMessage.findUnique({ where: { id: params.id } });
        if (!m) throw new NotFoundError("Message");
        await tx.outboxMessage.update({ where: { id: m.id }, data: { status: "pending", nextAttemptAt: new Date(), attempts: 0 } });
        await appendAudit(tx, auditActor(req), { action: "mail.retried", targetType: "outbox", targetId: m.id, incidentId: m.incidentId, before: { status: m.status } });
      });
      return { ok: true };
    },
  });
  return router;
}
