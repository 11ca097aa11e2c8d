import { useState, type FormEvent } from "react";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { formatDateTime, fromLocalInput, toLocalInput } from "../format.js";
import { reportsApi, type AuthorityReport } from "./api.js";

/**
 * Record that the report was sent to the authority, with its case reference (meets the 72-hour
 * obligation). Enabled only when nothing required is missing and nothing is left unsaved.
 */
export function RecordSubmission({ report, canEdit, dirty, onSaved }: {
  report: AuthorityReport; canEdit: boolean; dirty: boolean; onSaved(r: AuthorityReport): void;
}) {
  const announce = useAnnounce();
  const [at, setAt] = useState(() => toLocalInput(new Date()));
  const [caseReference, setCaseReference] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `submission-${report.id}-title`;

  if (report.submittedAt) {
    return (
      <section className="report-submission" aria-labelledby={headingId}>
        <h3 id={headingId}>Submission</h3>
        <p className="alert alert-info">
          <span className="badge report-submitted">Submitted</span> {formatDateTime(report.submittedAt)} to {report.authorityName},
          case reference <strong className="mono">{report.caseReference}</strong>.
        </p>
      </section>
    );
  }
  if (!canEdit) return null;

  const blocked = report.missing.length > 0
    ? `Fill the ${report.missing.length} required field${report.missing.length === 1 ? "" : "s"} listed above first.`
    : dirty ? "Save your changes to the report first." : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    const submittedAt = fromLocalInput(at);
    if (!submittedAt) { setError(new LocalIssue("submittedAt", "Enter the date and time it was submitted.")); return; }
    if (!caseReference.trim()) { setError(new LocalIssue("caseReference", "Enter the authority's case reference.")); return; }
    setBusy(true);
    setError(null);
    try {
      const r = await reportsApi.submitted(report.id, { submittedAt, caseReference: caseReference.trim() });
      announce(`Submission recorded with case reference ${r.caseReference}.`);
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
      <h3 id={headingId}>Record submission</h3>
      <p className="hint">After sending the report through the authority's own service, record when and the case reference it gave.</p>
      <form className="stack" noValidate aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
        <div className="row">
          <Field label="Submitted at" error={issue("submittedAt")} hint="Your local time.">
            {(p) => <input {...p} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}
          </Field>
          <Field label="Case reference" error={issue("caseReference")} hint="e.g. the diarienummer or saksnummer.">
            {(p) => <input {...p} type="text" maxLength={200} value={caseReference} onChange={(e) => setCaseReference(e.target.value)} />}
          </Field>
        </div>
        <div aria-live="assertive">{!(error instanceof LocalIssue) && <ErrorMessage error={error} title="The submission could not be recorded." />}</div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || Boolean(blocked)} aria-describedby={blocked ? `${headingId}-blocked` : undefined}>
            {busy ? "Saving…" : "Record submission"}
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
