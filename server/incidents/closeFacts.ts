/** Counts what is still open when an incident is closed (shared/closeChecklist.ts reads it). */
import type { Tx } from "../db/client.js";
import { openItemsAtClose, type CloseFacts, type OpenItem } from "../../shared/closeChecklist.js";

const DELIVERED = ["sent", "acknowledged"] as const;

export async function loadCloseFacts(tx: Tx, incidentId: string): Promise<CloseFacts> {
  const [notices, decision, member, review] = await Promise.all([
    tx.notice.findMany({ where: { incidentId, status: { in: [...DELIVERED] } }, select: { organizationId: true, phase: true, status: true } }),
    tx.breachDecision.findFirst({ where: { incidentId }, orderBy: { createdAt: "desc" }, select: { notifyAuthority: true } }),
    tx.breachBundleMember.findUnique({ where: { incidentId }, select: { bundleId: true } }),
    tx.review.findUnique({ where: { incidentId }, select: { status: true } }),
  ]);
  // A bundled report covers every member of its bundle.
  const reports = await tx.authorityReport.findMany({
    where: { OR: [{ incidentId }, ...(member ? [{ bundleId: member.bundleId }] : [])] }, select: { submittedAt: true },
  });
  const notified = new Set(notices.map((n) => n.organizationId));
  const finalSent = new Set(notices.filter((n) => n.phase === "final").map((n) => n.organizationId));
  const unsubmitted = reports.filter((r) => !r.submittedAt).length;
  const requiredButNone = decision?.notifyAuthority && !reports.some((r) => r.submittedAt) && unsubmitted === 0 ? 1 : 0;
  return {
    unacknowledgedNotices: notices.filter((n) => n.status === "sent").length,
    controllersWithoutFinalNotice: [...notified].filter((id) => !finalSent.has(id)).length,
    authorityReportsNotSubmitted: unsubmitted + requiredButNone,
    reviewApproved: review?.status === "approved",
  };
}

export async function loadOpenItemsAtClose(tx: Tx, incidentId: string): Promise<OpenItem[]> {
  return openItemsAtClose(await loadCloseFacts(tx, incidentId));
}
