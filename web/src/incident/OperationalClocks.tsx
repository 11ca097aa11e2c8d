import i18next from "i18next";
import { useTranslation } from "react-i18next";
import { api } from "../api.js";
import { Section } from "../components.js";
import { SEVERITY_LABELS, formatDateTime } from "../format.js";
import { translatedLabels } from "../i18n.js";
import { useIncident } from "./context.js";
import type { ClockView, OperationalClock } from "../../../shared/ops/clocks.js";

const NAMES = translatedLabels<OperationalClock>(["acknowledge", "owner", "contain", "resolve"], (c) => i18next.t(`incident:clock.name.${c}`));
const STATES = translatedLabels<ClockView["state"]>(["met", "missed", "running", "overdue"], (c) => i18next.t(`incident:clock.state.${c}`));

/** "45 min", "8 h", "3 d". */
function short(m: number): string {
  return m % 1440 === 0 ? i18next.t("labels:duration.d", { n: m / 1440 }) : m % 60 === 0 ? i18next.t("labels:duration.h", { n: m / 60 }) : i18next.t("labels:duration.min", { n: m });
}

/**
 * The team's own service levels for this severity: shown apart from the legal (GDPR/NIS2) clocks
 * and labelled as targets, so that nobody mistakes one for the other.
 */
export function OperationalClocksSection() {
  const { incident, mutate } = useIncident();
  const view = incident.operationalClocks;
  const open = incident.status !== "closed" && incident.status !== "resolved";
  const { t } = useTranslation();
  return (
    <Section id="service-levels" title={t("incident:clock.title")}>
      <p className="hint">
        {view.severitySet ? t("incident:clock.leadFor", { severity: SEVERITY_LABELS[view.targetsOf].toLowerCase() }) : t("incident:clock.leadUnrated")}
      </p>
      <table className="clocks">
        <caption className="visually-hidden">{t("incident:clock.title")}</caption>
        <thead><tr><th>{t("incident:clock.target")}</th><th>{t("incident:clock.within")}</th><th>{t("incident:clock.state")}</th></tr></thead>
        <tbody>
          {view.clocks.map((c) => (
            <tr key={c.clock} className={`clock-${c.state}`}>
              <th scope="row">{NAMES[c.clock]}</th>
              <td>{short(c.targetMinutes)}</td>
              <td>
                <strong>{STATES[c.state]}</strong>{" "}
                <span className="hint">{c.stoppedAt ? t("incident:clock.at", { at: formatDateTime(c.stoppedAt) }) : t("incident:clock.dueAt", { at: formatDateTime(c.dueAt) })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && incident.can.update && !incident.containedAt && (
        <button type="button" className="secondary" onClick={() => void mutate((i) => api.updateIncident(i.id, { version: i.version, containedAt: new Date().toISOString() }), t("incident:clock.contained"))}>
          {t("incident:clock.contain")}
        </button>
      )}
    </Section>
  );
}
