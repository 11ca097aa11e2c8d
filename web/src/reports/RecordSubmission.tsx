import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { formatDateTime, fromLocalInput, toLocalInput } from "../format.js";
import { reportsApi, type AuthorityReport } from "./api.js";

/**
 * Record that the report was sent to the authority, with its case reference (meets the 72-hour
 * obligation). Enabled only when nothing required is missing and nothing is left unsaved. When we
 * are only the processor for the affected data, reporting is the controllers' duty: ask before
 * recording a report as ours.
 */
export function RecordSubmission({ report, canEdit, dirty, processorOnly, onSaved }: {
  report: AuthorityReport; canEdit: boolean; dirty: boolean;
  /** We are processor, not controller, for every affected organisation's data. */
  processorOnly: boolean;
  onSaved(r: AuthorityReport): void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [asking, setAsking] = useState(false);
  const [at, setAt] = useState(() => toLocalInput(new Date()));
  const [caseReference, setCaseReference] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `submission-${report.id}-title`;

  if (report.submittedAt) {
    return (
      <section className="report-submission" aria-labelledby={headingId}>
        <h3 id={headingId}>{t("authority:submission.title")}</h3>
        <p className="alert alert-info">
          <span className="badge report-submitted">{t("authority:list.submitted")}</span>{" "}
          {t("authority:submission.submitted", { at: formatDateTime(report.submittedAt), authority: report.authorityName })}{" "}
          <strong className="mono">{report.caseReference}</strong>.
        </p>
      </section>
    );
  }
  if (!canEdit) return null;

  const blocked = report.missing.length > 0 ? t("authority:submission.fillFirst", { count: report.missing.length })
    : dirty ? t("authority:submission.saveFirst") : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    const submittedAt = fromLocalInput(at);
    if (!submittedAt) { setError(new LocalIssue("submittedAt", t("authority:submission.enterAt"))); return; }
    if (!caseReference.trim()) { setError(new LocalIssue("caseReference", t("authority:submission.enterReference"))); return; }
    if (processorOnly && !asking) { setAsking(true); return; }
    setAsking(false);
    setBusy(true);
    setError(null);
    try {
      const r = await reportsApi.submitted(report.id, { submittedAt, caseReference: caseReference.trim() });
      announce(t("authority:submission.recorded", { reference: r.caseReference ?? "" }));
      onSaved(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const issue = (f: string) => (error instanceof LocalIssue && error.field === f ? error.message : fieldError(error, f));

  return (
    <section className="report-submission" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("authority:submission.record")}</h3>
      <p className="hint">{t("authority:submission.hint")}</p>
      <form className="stack" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
        <div className="row">
          <Field label={t("authority:submission.at")} error={issue("submittedAt")} hint={t("authority:submission.atHint")}>
            {(p) => <input {...p} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}
          </Field>
          <Field label={t("authority:submission.reference")} error={issue("caseReference")} hint={t("authority:submission.referenceHint")}>
            {(p) => <input {...p} type="text" maxLength={200} value={caseReference} onChange={(e) => setCaseReference(e.target.value)} />}
          </Field>
        </div>
        <div aria-live="assertive">{!(error instanceof LocalIssue) && <ErrorMessage error={error} title={t("authority:submission.failed")} />}</div>
        {asking && (
          <div className="alert alert-warn" role="alertdialog" aria-labelledby={`${headingId}-processor`}>
            <p id={`${headingId}-processor`}><strong>{t("authority:submission.asProcessorTitle")}</strong></p>
            <p>{t("authority:submission.asProcessor", { authority: report.authorityName })}</p>
            <div className="form-actions">
              <button type="submit" className="primary" disabled={busy}>{t("authority:submission.confirm")}</button>
              <button type="button" className="link-button" onClick={() => setAsking(false)}>{t("authority:submission.cancel")}</button>
            </div>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || Boolean(blocked) || asking} aria-describedby={blocked ? `${headingId}-blocked` : undefined}>
            {busy ? t("authority:submission.saving") : t("authority:submission.record")}
          </button>
          {blocked && <span className="muted" id={`${headingId}-blocked`}>{blocked}</span>}
        </div>
      </form>
    </section>
  );
}

/** A check made before sending, shown at its field. */
class LocalIssue extends Error {
  constructor(readonly field: string, message: string) { super(message); }
}
