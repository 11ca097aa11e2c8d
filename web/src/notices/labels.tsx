/** Words for notice states and phases, shared by the incident page and the portal. */
import { useTranslation } from "react-i18next";
import type { NoticePhase, NoticeStatus } from "../../../shared/schemas/notice.js";
import { LANGUAGE_LABELS } from "../breach/labels.js";

export const PHASE_LABELS: Record<NoticePhase, string> = { initial: "Initial notice", update: "Update", final: "Final notice" };

export function languageLabel(code: string): string {
  return (LANGUAGE_LABELS as Record<string, string>)[code] ?? code;
}

/** A notice's phase in the reader's language ("Initial notice", "Första underrättelsen"). */
export function usePhaseLabel() {
  const { t } = useTranslation();
  return (phase: NoticePhase) => t(`common:noticePhase.${phase}`);
}

export function NoticeStatusBadge({ status }: { status: NoticeStatus }) {
  const { t } = useTranslation();
  return <span className={`badge notice-${status}`}>{t(`common:noticeStatus.${status}`)}</span>;
}
