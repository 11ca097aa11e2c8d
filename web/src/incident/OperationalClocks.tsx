import { api } from "../api.js";
import { Section } from "../components.js";
import { formatDateTime } from "../format.js";
import { useIncident } from "./context.js";
import type { ClockView, OperationalClock } from "../../../shared/ops/clocks.js";

const NAMES: Record<OperationalClock, string> = {
  acknowledge: "Acknowledge (triage)", owner: "Owner appointed", contain: "Contained", resolve: "Resolved",
};
const STATES: Record<ClockView["state"], string> = { met: "met", missed: "missed", running: "running", overdue: "overdue" };

/** "45 min", "8 h", "3 d". */
function short(m: number): string {
  return m % 1440 === 0 ? `${m / 1440} d` : m % 60 === 0 ? `${m / 60} h` : `${m} min`;
}

/**
 * The team's own service levels for this severity: shown apart from the legal (GDPR/NIS2) clocks
 * and labelled as targets, so that nobody mistakes one for the other.
 */
export function OperationalClocksSection() {
  const { incident, mutate } = useIncident();
  const view = incident.operationalClocks;
  const open = incident.status !== "closed" && incident.status !== "resolved";
  return (
    <Section id="service-levels" title="Service-level targets">
      <p className="hint">
        Our own targets for {view.severitySet ? `a ${view.targetsOf} incident` : "an incident without severity (medium targets until it is set)"}, counted from detection.
        They are not legal deadlines.
      </p>
      <table className="clocks">
        <caption className="visually-hidden">Service-level targets</caption>
        <thead><tr><th>Target</th><th>Within</th><th>State</th></tr></thead>
        <tbody>
          {view.clocks.map((c) => (
            <tr key={c.clock} className={`clock-${c.state}`}>
              <th scope="row">{NAMES[c.clock]}</th>
              <td>{short(c.targetMinutes)}</td>
              <td>
                <strong>{STATES[c.state]}</strong>{" "}
                <span className="hint">{c.stoppedAt ? `at ${formatDateTime(c.stoppedAt)}` : `due ${formatDateTime(c.dueAt)}`}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && incident.can.update && !incident.containedAt && (
        <button type="button" className="secondary" onClick={() => void mutate((i) => api.updateIncident(i.id, { version: i.version, containedAt: new Date().toISOString() }), "Marked as contained.")}>
          Mark as contained now
        </button>
      )}
    </Section>
  );
}
