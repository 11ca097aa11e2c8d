import { formatDateTime } from "../format.js";
import type { AuthorityReport } from "./api.js";
import { PHASE_LABELS } from "./labels.js";

/** The incident's reports with their status; choosing one opens it in the editor below. */
export function ReportList({ reports, selectedId, onSelect }: {
  reports: AuthorityReport[]; selectedId: string | null; onSelect(id: string): void;
}) {
  return (
    <ul className="records report-list">
      {reports.map((r) => {
        const label = `${r.authorityName}: ${PHASE_LABELS[r.phase]}`;
        return (
          <li key={r.id} className={`report-item${r.id === selectedId ? " selected" : ""}`}>
            <div>
              <p className="report-item-title">
                {r.submittedAt
                  ? <span className="badge report-submitted">Submitted</span>
                  : <span className="badge report-draft">Draft</span>}{" "}
                <strong>{label}</strong>
              </p>
              <p className="muted report-item-meta">
                {r.submittedAt
                  ? <>Submitted {formatDateTime(r.submittedAt)} · case reference <span className="mono">{r.caseReference}</span></>
                  : r.missing.length === 0 ? "Complete, ready to submit" : `${r.missing.length} required field${r.missing.length === 1 ? "" : "s"} empty`}
                {r.late && <> · <strong className="overdue">late: reasons for the delay required</strong></>}
              </p>
            </div>
            <button type="button" className="secondary small" aria-current={r.id === selectedId ? "true" : undefined}
              aria-label={`Open ${label}`} onClick={() => onSelect(r.id)}>
              {r.id === selectedId ? "Open" : r.submittedAt ? "View" : "Edit"}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
