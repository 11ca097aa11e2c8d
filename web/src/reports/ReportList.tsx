import { useTranslation } from "react-i18next";
import { formatDateTime } from "../format.js";
import type { AuthorityReport } from "./api.js";
import { PHASE_LABELS } from "./labels.js";

/** The incident's reports with their status; choosing one opens it in the editor below. */
export function ReportList({ reports, selectedId, onSelect }: {
  reports: AuthorityReport[]; selectedId: string | null; onSelect(id: string): void;
}) {
  const { t } = useTranslation();
  return (
    <ul className="records report-list">
      {reports.map((r) => {
        const label = `${r.authorityName}: ${PHASE_LABELS[r.phase]}`;
        return (
          <li key={r.id} className={`report-item${r.id === selectedId ? " selected" : ""}`}>
            <div>
              <p className="report-item-title">
                {r.submittedAt
                  ? <span className="badge report-submitted">{t("authority:list.submitted")}</span>
                  : <span className="badge report-draft">{t("authority:list.draft")}</span>}{" "}
                <strong>{label}</strong>
              </p>
              <p className="muted report-item-meta">
                {r.submittedAt
                  ? <>{t("authority:list.submittedAt", { at: formatDateTime(r.submittedAt) })} <span className="mono">{r.caseReference}</span></>
                  : r.missing.length === 0 ? t("authority:list.complete") : t("authority:list.empty", { count: r.missing.length })}
                {r.late && <> · <strong className="overdue">{t("authority:list.late")}</strong></>}
              </p>
            </div>
            <button type="button" className="secondary small" aria-current={r.id === selectedId ? "true" : undefined}
              aria-label={t("authority:list.openLabel", { report: label })} onClick={() => onSelect(r.id)}>
              {t(r.id === selectedId ? "authority:list.open" : r.submittedAt ? "authority:list.view" : "authority:list.edit")}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
