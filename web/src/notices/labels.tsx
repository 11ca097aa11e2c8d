/** Words for notice states, phases and languages, shared by the incident page and the portal. */
import { useTranslation } from "react-i18next";
import type { NoticePhase, NoticeStatus } from "../../../shared/schemas/notice.js";

/** A notice's language in the reader's language ("Swedish", "svenska"). */
export function useLanguageLabel() {
  const { t } = useTranslation();
  return (code: string) => (["sv", "nb", "en"].includes(code) ? t(`notices:language.${code}`) : code);
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
