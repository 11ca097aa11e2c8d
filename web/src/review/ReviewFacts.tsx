/** The generated part of a review: what Vakt already knew about the incident (a snapshot). */
import type { ReactNode } from "react";
import type { ReviewDraft } from "../../../shared/review/draft.js";
import { formatDateTime, formatHours } from "../format.js";

const OUTCOMES: Record<ReviewDraft["obligations"][number]["outcome"], string> = {
  met: "Met", missed: "Missed", overdue: "Overdue", pending: "Pending", waived: "Waived",
};

function margin(o: ReviewDraft["obligations"][number]): string {
  if (o.marginHours === null) return o.waivedReason ? `Waived: ${o.waivedReason}` : "—";
  const h = Math.abs(o.marginHours).toLocaleString("en-GB", { maximumFractionDigits: 1 });
  return o.marginHours >= 0 ? `${h} h before the deadline` : `${h} h ${o.outcome === "missed" ? "late" : "past the deadline"}`;
}

export function ReviewFacts({ draft }: { draft: ReviewDraft }) {
  const { impact } = draft;
  return (
    <div className="review-facts">
      <h3>Milestones</h3>
      <Table caption="Milestones" head={["Milestone", "When"]}
        rows={draft.milestones.map((m) => [m.label, <time dateTime={m.at}>{formatDateTime(m.at)}</time>])} empty="No milestones recorded." />

      <h3>Durations</h3>
      <Table caption="Durations" head={["Duration", "Hours"]} rows={draft.durations.map((d) => [d.label, formatHours(d.hours)])} empty="No durations." />

      <h3>Obligations</h3>
      <p className="hint">
        {draft.obligationSummary.total} in all: {draft.obligationSummary.met} met, {draft.obligationSummary.missed} missed,{" "}
        {draft.obligationSummary.overdue} overdue, {draft.obligationSummary.pending} pending, {draft.obligationSummary.waived} waived.
      </p>
      <Table caption="Obligations" head={["Obligation", "Due", "Outcome", "By how much"]} empty="No breach obligations."
        rows={draft.obligations.map((o) => [
          <>{o.title} <span className="muted">({o.article}, to {o.creditor})</span></>,
          formatDateTime(o.dueAt),
          <span className={`badge outcome-${o.outcome}`}>{OUTCOMES[o.outcome]}</span>,
          margin(o),
        ])} />

      <h3>Impact</h3>
      <dl className="facts">
        <div><dt>Summary</dt><dd className="prewrap">{impact.summary ?? "—"}</dd></div>
        <div><dt>Seriousness</dt><dd>{impact.seriousness ?? "—"}</dd></div>
        <div><dt>Severity</dt><dd>{impact.severity ?? "—"}</dd></div>
        <div><dt>Systems</dt><dd>{impact.affectedSystems.join(", ") || "—"}</dd></div>
        {impact.affectedServices.length > 0 && <div><dt>Services</dt><dd>{impact.affectedServices.join(", ")}</dd></div>}
        {impact.affectedUsers !== null && <div><dt>Users affected</dt><dd>{impact.affectedUsers.toLocaleString("en-GB")}</dd></div>}
        {impact.affectedRecords !== null && <div><dt>Records affected</dt><dd>{impact.affectedRecords.toLocaleString("en-GB")}</dd></div>}
        {impact.affectedOrganizations.length > 0 && <div><dt>Controllers</dt><dd>{impact.affectedOrganizations.join(", ")}</dd></div>}
        {impact.breach && (
          <div><dt>Breach</dt><dd>Severity {impact.breach.band} (score {impact.breach.score}){impact.breach.decision ? `; authority ${impact.breach.decision.notifyAuthority ? "notified" : "not notified"}` : ""}</dd></div>
        )}
        <div><dt>Cause</dt><dd className="prewrap">{draft.cause ?? "—"}</dd></div>
      </dl>

      <h3>Action plan</h3>
      <Table caption="Action plan" head={["Action", "Status", "Outcome", "Completed", "On time"]} empty="No actions."
        rows={draft.actionPlan.map((a) => [
          <>{a.title}{a.assignee && <span className="muted"> ({a.assignee})</span>}</>,
          a.status, a.outcome ?? "—", formatDateTime(a.completedAt), a.onTime === null ? "—" : a.onTime ? "Yes" : "No",
        ])} />

      <h3>Communications</h3>
      <Table caption="Communications" head={["When", "To", "Channel", "What"]} empty="No communications recorded."
        rows={draft.communications.map((c) => [formatDateTime(c.at), c.audience, c.channel ?? "—", c.summary || "—"])} />
    </div>
  );
}

function Table({ caption, head, rows, empty }: { caption: string; head: string[]; rows: ReactNode[][]; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="review-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}
