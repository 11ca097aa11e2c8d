import { timeLeft } from "../../../shared/breach/deadlines.js";
import "./reports.css";
import { formatDateTime } from "../format.js";

/** The soonest pending breach obligation of an incident as "5 h 10 min left", red and "overdue" when past. */
export function NextDeadline({ dueAt, now }: { dueAt: string | null | undefined; now: number }) {
  if (!dueAt) return <span className="muted"><span aria-hidden="true">—</span><span className="visually-hidden">No pending deadline</span></span>;
  const left = timeLeft(dueAt, new Date(now).toISOString());
  return (
    <time dateTime={dueAt} title={`Next obligation due ${formatDateTime(dueAt)}`} className={`next-deadline${left.overdue ? " overdue" : ""}`}>
      <span className="mobile-label">Next deadline: </span>{left.text}
    </time>
  );
}
