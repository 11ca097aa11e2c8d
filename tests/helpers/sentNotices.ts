import type { Prisma } from "../../server/db/client.js";
import type { NoticePhase, NoticeStatus } from "../../shared/schemas/notice.js";

export interface NoticeSeed {
  incidentId: string;
  organizationId: string;
  sequence?: number;
  phase?: NoticePhase;
  status?: NoticeStatus;
  subject: string;
  body: string;
  language?: string;
}

/**
 * Writes a notice row as the notices module would after drafting (status draft/approved) or
 * delivering it (queued/sent/acknowledged/failed), so portal and isolation tests do not depend
 * on the drafting and sending workflow. Synthetic data only.
 */
export async function insertNotice(prisma: Prisma, seed: NoticeSeed) {
  const status = seed.status ?? "sent";
  const now = new Date();
  const handedOver = status !== "draft" && status !== "approved";
  const sequence = seed.sequence ?? (await prisma.notice.count({ where: { incidentId: seed.incidentId, organizationId: seed.organizationId } })) + 1;
  return prisma.notice.create({
    data: {
      incidentId: seed.incidentId, organizationId: seed.organizationId, sequence,
      phase: seed.phase ?? (sequence === 1 ? "initial" : "update"), language: seed.language ?? "en",
      recipients: [{ name: "DPO", email: "dpo@customer.example.test", role: "DPO" }],
      subject: seed.subject, body: seed.body, facts: { synthetic: true }, status,
      approvedAt: status === "draft" ? null : now,
      queuedAt: handedOver ? now : null,
      sentAt: status === "sent" || status === "acknowledged" ? now : null,
      failedAt: status === "failed" ? now : null,
      acknowledgedAt: status === "acknowledged" ? now : null,
      acknowledgedBy: status === "acknowledged" ? "dpo@customer.example.test" : null,
      acknowledgedVia: status === "acknowledged" ? "link" : null,
    },
  });
}
