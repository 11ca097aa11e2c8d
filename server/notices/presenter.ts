import type { Notice, OutboxMessage } from "../generated/prisma/client.js";
import type { Config } from "../config.js";
import type { Actor } from "../auth/middleware.js";
import { noticeActions } from "../../shared/notices/rules.js";
import type { NoticeView } from "../../shared/schemas/notice.js";
import { can } from "../../shared/permissions.js";
import { DISCARDABLE } from "./service.js";
import { noticeRef } from "../../shared/notices/reference.js";
import { customerContent, type NoticeFacts } from "./facts.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export interface NoticeRow extends Notice {
  organization: { name: string };
  incident: { reference: string; title: string };
}

/** A notice as the caller sees it, with its delivery (from the outbox) and what the caller may do. */
export function presentNotice(n: NoticeRow, message: OutboxMessage | null, actor: Actor, config: Config): NoticeView {
  const staff = actor.role !== "controller";
  return {
    id: n.id, incidentId: n.incidentId, incidentReference: n.incident.reference, // A controller sees the incident as notified (the subject), never the vendor's internal title.
    incidentTitle: staff ? n.incident.title : n.subject,
    organizationId: n.organizationId, organization: n.organization.name, phase: n.phase, sequence: n.sequence,
    reference: noticeRef(n.incident.reference, n.sequence), initialId: n.initialId, previousId: n.previousId, language: n.language,
    recipients: n.recipients as NoticeView["recipients"], subject: n.subject, body: n.body, changes: n.changes as string[],
    facts: staff ? n.facts : null, content: staff ? customerContent(n.facts as unknown as NoticeFacts, n.language) : null, status: n.status, version: n.version,
    createdById: staff ? n.createdById : null, editedById: staff ? n.editedById : null, editedAt: iso(n.editedAt),
    approvedById: staff ? n.approvedById : null, approvedAt: iso(n.approvedAt), queuedAt: iso(n.queuedAt), sentAt: iso(n.sentAt),
    failedAt: iso(n.failedAt), lastError: staff ? n.lastError : null, ackExpiresAt: iso(n.ackExpiresAt),
    acknowledgedAt: iso(n.acknowledgedAt), acknowledgedBy: n.acknowledgedBy, acknowledgedVia: n.acknowledgedVia,
    remindedAt: iso(n.remindedAt), escalatedAt: iso(n.escalatedAt), createdAt: n.createdAt.toISOString(),
    delivery: staff && message
      ? { outboxId: message.id, status: message.status, attempts: message.attempts, lastError: message.lastError, lastAttemptAt: iso(message.lastAttemptAt), nextAttemptAt: message.status === "pending" ? message.nextAttemptAt.toISOString() : null, sentAt: iso(message.sentAt) }
      : null,
    can: {
      ...noticeActions({ status: n.status, organizationId: n.organizationId, editedById: n.editedById, recipients: n.recipients as { email: string }[] }, actor, config.NOTICE_FOUR_EYES),
      discard: can(actor.role, "notice.manage") && DISCARDABLE.includes(n.status),
    },
  };
}
