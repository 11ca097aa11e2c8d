/** Words for notice states and phases, shared by the incident page and the portal. */
import type { NoticePhase, NoticeStatus } from "../../../shared/schemas/notice.js";
import { LANGUAGE_LABELS } from "../breach/labels.js";

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  draft: "Draft", approved: "Approved", queued: "Queued", sent: "Sent", acknowledged: "Acknowledged", failed: "Failed",
};

export const PHASE_LABELS: Record<NoticePhase, string> = { initial: "Initial notice", update: "Update", final: "Final notice" };

export function languageLabel(code: string): string {
  return (LANGUAGE_LABELS as Record<string, string>)[code] ?? code;
}

export function NoticeStatusBadge({ status }: { status: NoticeStatus }) {
  return <span className={`badge notice-${status}`}>{NOTICE_STATUS_LABELS[status]}</span>;
}
