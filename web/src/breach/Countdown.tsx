import { formatInZone, timeLeft } from "../../../shared/breach/deadlines.js";
import { useNow } from "../format.js";

/** The viewer's time zone (deadlines are stored in UTC and shown in this zone). */
export const VIEWER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** "Due Mon 23 Nov 2026 14:00 CET · 2 d 3 h left", red when overdue; ticks every 30 s. */
export function Countdown({ dueAt, done }: { dueAt: string; done?: boolean }) {
  const now = useNow(30_000);
  const left = timeLeft(dueAt, new Date(now).toISOString());
  return (
    <span className={`countdown${!done && left.overdue ? " overdue" : ""}`}>
      Due <time dateTime={dueAt}>{formatInZone(dueAt, VIEWER_ZONE)}</time>
      {!done && <> · <strong className="countdown-left">{left.text}</strong></>}
    </span>
  );
}
