import { useTranslation } from "react-i18next";
import type { IncidentSeverity } from "../../../shared/alerts/rules.js";

const SEVERITIES: IncidentSeverity[] = ["low", "medium", "high", "critical"];

/** Vakt's severities in the reader's language, in rising order. */
export function useSeverityLabels(): Record<IncidentSeverity, string> {
  const { t } = useTranslation();
  return Object.fromEntries(SEVERITIES.map((s) => [s, t(`routing:severity.${s}`)])) as Record<IncidentSeverity, string>;
}
