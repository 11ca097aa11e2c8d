import { useTranslation } from "react-i18next";
import { INCIDENT_STATUSES, type IncidentStatus } from "../../../shared/lifecycle.js";
import type { Incident } from "../api.js";
import { STATUS_LABELS, formatDateTime } from "../format.js";

/** When the incident entered each status, where the API records it. */
function enteredAt(incident: Incident, status: IncidentStatus): string | null {
  switch (status) {
    case "detected": return incident.detectedAt;
    case "triaged": return incident.triagedAt;
    case "resolved": return incident.resolvedAt;
    case "closed": return incident.closedAt;
    default: return null;
  }
}

/** The lifecycle as a row of steps, the current one marked (aria-current="step"). */
export function Stepper({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const current = INCIDENT_STATUSES.indexOf(incident.status);
  return (
    <nav className="stepper" aria-label={t("incident:step.lifecycle")}>
      <ol>
        {INCIDENT_STATUSES.map((s, i) => {
          const state = i < current ? "done" : i === current ? "current" : "todo";
          const at = i <= current ? enteredAt(incident, s) : null;
          return (
            <li key={s} className={`step step-${state}`} aria-current={state === "current" ? "step" : undefined}>
              <span className="step-marker" aria-hidden="true">{state === "done" ? "✓" : i + 1}</span>
              <span className="step-text">
                <span className="step-label">{STATUS_LABELS[s]}</span>
                <span className="visually-hidden">
                  {" "}{state === "done" ? t("incident:step.done") : state === "current" ? t("incident:step.current") : t("incident:step.todo")}
                </span>
                {at && <span className="step-time">{formatDateTime(at)}</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
