import { useTranslation } from "react-i18next";
import { span, timeLeft } from "../../../shared/breach/deadlines.js";
import { formatDateTime, useNow } from "../format.js";

/** The viewer's time zone (deadlines are stored in UTC and shown in this zone). */
export { VIEWER_ZONE } from "../format.js";

/** "Due Mon 23 Nov 2026, 14:00 (Swedish time) · 2 d 3 h left" in the reader's language, red when overdue; ticks every 30 s. */
export function Countdown({ dueAt, done }: { dueAt: string; done?: boolean }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const left = timeLeft(dueAt, new Date(now).toISOString());
  return (
    <span className={`countdown${!done && left.overdue ? " overdue" : ""}`}>
      {t("common:countdown.due")} <time dateTime={dueAt}>{formatDateTime(dueAt)}</time>
      {!done && <> · <strong className="countdown-left">{t(left.overdue ? "common:countdown.overdue" : "common:countdown.left", { span: span(left.ms) })}</strong></>}
    </span>
  );
}
