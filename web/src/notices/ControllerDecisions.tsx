import { Section } from "../components.js";
import { formatDate, formatDateTime } from "../format.js";
import type { ControllerDecisions as Decisions, Notice } from "./api.js";

const yesNo = (v: boolean | null) => (v === null ? "Not said" : v ? "Yes" : "No");

/** What each notified controller decided: reported to its authority (which, case reference), informs its data subjects. */
export function ControllerDecisions({ decisions, notices }: { decisions: Decisions["items"]; notices: Notice[] }) {
  const notified = [...new Map(notices.filter((n) => n.sentAt || n.acknowledgedAt).map((n) => [n.organizationId, n.organization])).entries()];
  const undecided = notified.filter(([id]) => !decisions.some((d) => d.organization.id === id)).sort((a, b) => a[1].localeCompare(b[1]));
  if (decisions.length === 0 && notified.length === 0) return null;
  return (
    <Section id="controller-decisions" title="Controllers' decisions">
      <p className="section-lead">Each controller decides whether to report to its own supervisory authority and to tell its data subjects. They record it in their portal.</p>
      {decisions.length > 0 && (
        <div className="table-wrap">
          <table className="controller-decisions">
            <caption className="visually-hidden">Controllers' decisions, newest per controller</caption>
            <thead>
              <tr>{["Controller", "Reported to authority", "Authority", "Case reference", "Reported on", "Informs data subjects", "Recorded"].map((c) => <th key={c} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>
              {decisions.map(({ organization, current: d, history }) => (
                <tr key={organization.id}>
                  <th scope="row">{organization.name}</th>
                  <td>{yesNo(d.reportedToAuthority)}</td>
                  <td>{d.authority ?? "—"}</td>
                  <td className="mono">{d.caseReference ?? "—"}</td>
                  <td>{d.reportedAt ? formatDate(d.reportedAt) : "—"}</td>
                  <td>{yesNo(d.notifySubjects)}</td>
                  <td>
                    {formatDateTime(d.decidedAt)}
                    <div className="muted small-text">by {d.decidedBy} ({d.recordedVia === "portal" ? "in the portal" : "by our staff"}){history.length > 1 ? ` · version ${history.length}` : ""}</div>
                    {d.note && <div className="small-text prewrap">{d.note}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {undecided.length > 0 && <p className="muted">No decision recorded yet by: {undecided.map(([, name]) => name).join(", ")}.</p>}
    </Section>
  );
}
