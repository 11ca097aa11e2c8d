import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { Field, Section } from "../components.js";
import { DecisionForm } from "../portal/PortalDecision.js";
import { formatDate, formatDateTime } from "../format.js";
import { noticesApi, type ControllerDecisions as Decisions, type ControllerDecisionView, type Notice } from "./api.js";
import type { Controller } from "./useNotices.js";

/** The controller's decision on reporting in words: reported, will report, not required (with its reason), not decided yet. */
function DecisionCell({ decision: d }: { decision: ControllerDecisionView }) {
  const { t } = useTranslation();
  return (
    <td>
      {t(`notices:decisions.decision.${d.authorityDecision}`)}
      {d.authorityDecision === "not_required" && d.note && <div className="small-text prewrap">{t("notices:decisions.because", { reason: d.note })}</div>}
    </td>
  );
}

/** What each notified controller decided: reporting to its authority (which, case reference), informing its data subjects. */
export function ControllerDecisions({ incidentId, decisions, notices, controllers, onSaved }: {
  incidentId: string;
  decisions: Decisions["items"];
  notices: Notice[];
  controllers: Controller[];
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const informs = (v: boolean | null) => t(v === null ? "notices:decisions.notSaid" : v ? "notices:decisions.yes" : "notices:decisions.no");
  const notified = [...new Map(notices.filter((n) => n.sentAt || n.acknowledgedAt).map((n) => [n.organizationId, n.organization])).entries()];
  const undecided = notified.filter(([id]) => !decisions.some((d) => d.organization.id === id)).sort((a, b) => a[1].localeCompare(b[1]));
  if (decisions.length === 0 && notified.length === 0) return null;
  const columns = ["controller", "decision", "authority", "caseReference", "reportedOn", "informs", "recorded"] as const;
  return (
    <Section id="controller-decisions" title={t("notices:decisions.title")}>
      <p className="section-lead">{t("notices:decisions.lead")}</p>
      {decisions.length > 0 && (
        <div className="table-wrap">
          <table className="controller-decisions">
            <caption className="visually-hidden">{t("notices:decisions.caption")}</caption>
            <thead>
              <tr>{columns.map((c) => <th key={c} scope="col">{t(`notices:decisions.column.${c}`)}</th>)}</tr>
            </thead>
            <tbody>
              {decisions.map(({ organization, current: d, history }) => (
                <tr key={organization.id}>
                  <th scope="row">{organization.name}</th>
                  <DecisionCell decision={d} />
                  <td>{d.authority ?? "—"}</td>
                  <td className="mono">{d.caseReference ?? "—"}</td>
                  <td>{d.reportedAt ? formatDate(d.reportedAt) : "—"}</td>
                  <td>{informs(d.notifySubjects)}</td>
                  <td>
                    {formatDateTime(d.decidedAt)}
                    <div className="muted small-text">
                      {t(d.recordedVia === "portal" ? "notices:decisions.byPortal" : "notices:decisions.byStaff", { by: d.decidedBy })}
                      {history.length > 1 ? ` · ${t("notices:decisions.version", { version: history.length })}` : ""}
                    </div>
                    {d.note && d.authorityDecision !== "not_required" && <div className="small-text prewrap">{d.note}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {undecided.length > 0 && <p className="muted">{t("notices:decisions.undecided", { names: undecided.map(([, name]) => name).join(", ") })}</p>}
      {can("controllerDecision.record") && controllers.length > 0 && (
        <RecordOnBehalf incidentId={incidentId} controllers={controllers} decisions={decisions} onSaved={onSaved} />
      )}
    </Section>
  );
}

/** A controller told us its decision another way (e.g. by phone): staff record it for them. */
function RecordOnBehalf({ incidentId, controllers, decisions, onSaved }: { incidentId: string; controllers: Controller[]; decisions: Decisions["items"]; onSaved(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [orgId, setOrgId] = useState(controllers[0].id);
  if (!open) return <button type="button" className="secondary" onClick={() => setOpen(true)}>{t("notices:decisions.record")}</button>;
  const current = decisions.find((d) => d.organization.id === orgId)?.current ?? null;
  return (
    <div className="notice-editor">
      <h3>{t("notices:decisions.record")}</h3>
      <p className="hint">{t("notices:decisions.recordHint")}</p>
      <Field label={t("notices:decisions.controller")}>
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
