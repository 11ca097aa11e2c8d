import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, Section } from "../components.js";
import { useIncident } from "../incident/context.js";
import { formatDateTime } from "../format.js";
import { AffectedOrganizationsSection } from "./AffectedOrganizations.js";
import { AssessmentSection } from "./AssessmentForm.js";
import { DecisionSection } from "./DecisionForm.js";
import { ObligationsSection } from "./Obligations.js";
import { AssessmentHistory, SeveritySection } from "./SeverityView.js";
import { NextStepPrompt, useClockText } from "./NextStep.js";
import { useBreach } from "./useBreach.js";

/**
 * The personal-data breach on the incident page: whose data, the assessment, the severity
 * explained, the recommendation, the decision, the obligations and the versions. Shown when
 * personal data is (or may be) involved, or once an assessment exists.
 */
export function BreachPanel() {
  const { t } = useTranslation();
  const clockText = useClockText();
  const { incident } = useIncident();
  const { can } = useAuth();
  const allowed = can("breach.read");
  const mayConcern = incident.personalData === "yes" || incident.personalData === "unknown";
  const { load, setView, setAffected, reload } = useBreach(incident.id, incident.version, allowed, mayConcern);
  if (!allowed) return null;

  if (load.state === "loading")
    return mayConcern ? <p className="muted loading" role="status">{t("breach:panel.loading")}</p> : null;
  if (load.state === "error")
    return (
      <Section id="breach" title={t("breach:panel.title")}>
        <ErrorMessage error={load.error} title={t("breach:panel.loadFailed")} />
        <button type="button" onClick={reload}>{t("breach:panel.retry")}</button>
      </Section>
    );
  const { view, organizations, proposed, affected } = load;
  if (!view.assessed && !mayConcern) return null;

  return (
    <div className="breach-panel" id="breach">
      <p className="breach-banner">
        <span className="badge pd-yes">{t("breach:panel.title")}</span>{" "}
        {view.assessed
          ? t("breach:panel.assessed")
          : incident.personalData === "unknown"
            ? t("breach:panel.mayBeInvolved")
            : t("breach:panel.involved")}
      </p>
      {view.clock && !view.assessed && <p className={`alert ${view.clock.overdue ? "alert-warn" : "alert-info"} awareness-clock`} role="status">{clockText(view.clock)}</p>}
      {view.awareness?.movedLater && <p className="alert alert-warn">{t("breach:panel.movedLater", { at: formatDateTime(view.awareness.firstAwareAt) })}</p>}
      {view.next && <NextStepPrompt next={view.next} view={view} />}
      {/* Keyed by what they edit: a save shows a fresh form from the server's answer. */}
      <AffectedOrganizationsSection key={affected.join()} organizations={organizations} proposed={proposed} affected={affected} onSaved={(ids) => { setAffected(ids); reload(); }} />
      <AssessmentSection key={view.current?.id ?? `new:${view.awareness?.awareAt ?? ""}`} current={view.current} recordedAwareAt={view.awareness?.awareAt ?? null} onSaved={setView} />
      {view.assessed && <SeveritySection assessment={view.current} byRole={view.recommendationByRole} />}
      {view.assessed && <DecisionSection key={`${view.current.id}:${view.decision?.id ?? ""}`} view={view} onSaved={setView} />}
      {view.assessed && <ObligationsSection obligations={view.obligations} decision={view.decision} onChanged={reload} />}
      {view.history.length > 0 && <AssessmentHistory history={view.history} decision={view.decision} />}
    </div>
  );
}
