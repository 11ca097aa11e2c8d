import { useState } from "react";
import { useAuth } from "../auth.js";
import { Field, Section } from "../components.js";
import { DecisionForm } from "../portal/PortalDecision.js";
import { formatDate, formatDateTime } from "../format.js";
import { noticesApi, type ControllerDecisions as Decisions, type Notice } from "./api.js";
import type { Controller } from "./useNotices.js";

const yesNo = (v: boolean | null) => (v === null ? "Not said" : v ? "Yes" : "No");

/** What each notified controller decided: reported to its authority (which, case reference), informs its data subjects. */
export function ControllerDecisions({ incidentId, decisions, notices, controllers, onSaved }: {
  incidentId: string;
  decisions: Decisions["items"];
  notices: Notice[];
  controllers: Controller[];
  onSaved(): void;
}) {
  const { can } = useAuth();
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
      {can("controllerDecision.record") && controllers.length > 0 && (
        <RecordOnBehalf incidentId={incidentId} controllers={controllers} decisions={decisions} onSaved={onSaved} />
      )}
    </Section>
  );
}

/** A controller told us its decision another way (e.g. by phone): staff record it for them. */
function RecordOnBehalf({ incidentId, controllers, decisions, onSaved }: { incidentId: string; controllers: Controller[]; decisions: Decisions["items"]; onSaved(): void }) {
  const [open, setOpen] = useState(false);
  const [orgId, setOrgId] = useState(controllers[0].id);
  if (!open) return <button type="button" className="secondary" onClick={() => setOpen(true)}>Record a controller's decision</button>;
  const current = decisions.find((d) => d.organization.id === orgId)?.current ?? null;
  return (
    <div className="notice-editor">
      <h3>Record a controller's decision</h3>
      <p className="hint">When a controller tells you its decision another way, e.g. by phone. It is kept with the controller's own entries.</p>
      <Field label="Controller">
        {(p) => (
          <select {...p} value={orgId} onChange={(e) => setOrgId(e.target.value)}>
            {controllers.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        )}
      </Field>
      <DecisionForm key={orgId} we={false} current={current} submit={(body) => noticesApi.recordDecision(incidentId, orgId, body)}
        onSaved={() => { setOpen(false); onSaved(); }} onCancel={() => setOpen(false)} />
    </div>
  );
}
