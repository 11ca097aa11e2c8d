import { useTranslation } from "react-i18next";
import { span, timeLeft } from "../../../shared/breach/deadlines.js";
import "./reports.css";
import { formatDateTime } from "../format.js";

/** The soonest pending breach obligation of an incident as "5 h 10 min left", red and "overdue" when past. */
export function NextDeadline({ dueAt, now }: { dueAt: string | null | undefined; now: number }) {
  const { t } = useTranslation();
  if (!dueAt) return <span className="muted"><span aria-hidden="true">—</span><span className="visually-hidden">{t("authority:deadline.none")}</span></span>;
  const left = timeLeft(dueAt, new Date(now).toISOString());
  return (
    <time dateTime={dueAt} title={t("authority:deadline.due", { at: formatDateTime(dueAt) })} className={`next-deadline${left.overdue ? " overdue" : ""}`}>
      <span className="mobile-label">{t("authority:deadline.label")} </span>{t(left.overdue ? "common:countdown.overdue" : "common:countdown.left", { span: span(left.ms) })}
    </time>
  );
}
