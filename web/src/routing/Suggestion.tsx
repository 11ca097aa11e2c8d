import { useTranslation } from "react-i18next";
import type { AlertView } from "../alerts/api.js";
import { useSeverityLabels } from "./labels.js";

/** In the queue: the routing rule that matched an alert and what it suggests for the incident. */
export function RoutingSuggestion({ routing }: { routing: AlertView["routing"] }) {
  const { t } = useTranslation();
  const severities = useSeverityLabels();
  if (!routing) return null;
  const parts = [
    routing.severity ? t("routing:summary.severity", { severity: severities[routing.severity] }) : null,
    routing.category ? t("routing:summary.category", { category: routing.category }) : null,
    routing.ownerId ? t("routing:queue.owner") : null,
  ].filter(Boolean);
  return <p className="action-meta">{t("routing:queue.suggests", { rule: routing.rule, what: parts.length ? parts.join(", ") : t("routing:queue.nothing") })}</p>;
}
