import { useState, type FormEvent } from "react";
import { ErrorMessage, Field, fieldError, Section } from "../components.js";
import { formatDate, formatDateTime, fromLocalInput } from "../format.js";
import { RadioGroup } from "../incident/sections.js";
import { portalApi, type ControllerDecisionView, type DecisionInput } from "../notices/api.js";
import { useRun } from "../notices/useRun.js";

type YesNo = "yes" | "no";
const YES_NO: Record<YesNo, string> = { yes: "Yes", no: "No" };
const SUBJECTS: Record<YesNo | "undecided", string> = { yes: "Yes", no: "No", undecided: "Not decided yet" };

/**
 * Our decision as controller: did we report the breach to our supervisory authority (which,
 * case reference, when), and do we inform our data subjects. Every version is kept; the
 * processor sees the newest in its breach register.
 */
export function PortalDecision({ incidentId, decisions, onSaved }: { incidentId: string; decisions: ControllerDecisionView[]; onSaved(): void }) {
  const current = decisions[0] ?? null;
  const [editing, setEditing] = useState(!current);
  return (
    <Section id="portal-decision" title="Our decision">
      {current && (
        <dl className="facts">
          <div><dt>Reported to a supervisory authority</dt><dd>{current.reportedToAuthority ? "Yes" : "No"}</dd></div>
          {current.authority && <div><dt>Authority</dt><dd>{current.authority}</dd></div>}
          {current.caseReference && <div><dt>Case reference</dt><dd className="mono">{current.caseReference}</dd></div>}
          {current.reportedAt && <div><dt>Reported on</dt><dd>{formatDate(current.reportedAt)}</dd></div>}
          <div><dt>We inform our data subjects</dt><dd>{current.notifySubjects === null ? "Not decided yet" : current.notifySubjects ? "Yes" : "No"}</dd></div>
          {current.note && <div><dt>Note</dt><dd className="prewrap">{current.note}</dd></div>}
          <div><dt>Recorded</dt><dd>{formatDateTime(current.decidedAt)} by {current.decidedBy}{decisions.length > 1 ? ` (version ${decisions.length})` : ""}</dd></div>
        </dl>
      )}
      {editing ? (
        <DecisionForm current={current} submit={(body) => portalApi.decide(incidentId, body)} onSaved={() => { setEditing(false); onSaved(); }}
          onCancel={current ? () => setEditing(false) : undefined} />
      ) : (
        <button type="button" className="secondary" onClick={() => setEditing(true)}>Change our decision</button>
      )}
    </Section>
  );
}

/** The decision form, for the controller in its portal and for staff recording it on a controller's behalf. */
export function DecisionForm({ current, submit: send, onSaved, onCancel, we = true }: {
  current: ControllerDecisionView | null;
  submit(body: DecisionInput): Promise<unknown>;
  onSaved(): void;
  onCancel?(): void;
  /** Worded for the controller itself ("you"), or for staff ("the controller"). */
  we?: boolean;
}) {
  const [reported, setReported] = useState<YesNo | "">(current ? (current.reportedToAuthority ? "yes" : "no") : "");
  const [authority, setAuthority] = useState(current?.authority ?? "");
  const [caseReference, setCaseReference] = useState(current?.caseReference ?? "");
  const [reportedAt, setReportedAt] = useState(current?.reportedAt?.slice(0, 10) ?? "");
  const [subjects, setSubjects] = useState<YesNo | "undecided">(current?.notifySubjects === true ? "yes" : current?.notifySubjects === false ? "no" : "undecided");
  const [note, setNote] = useState(current?.note ?? "");
  const { busy, error, setError, run } = useRun();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reported) { setError(new Error(`Say whether ${we ? "you" : "the controller"} reported the breach to a supervisory authority.`)); return; }
    const yes = reported === "yes";
    const body = {
      reportedToAuthority: yes,
      ...(yes && authority.trim() ? { authority: authority.trim() } : {}),
      ...(yes && caseReference.trim() ? { caseReference: caseReference.trim() } : {}),
      ...(yes && reportedAt ? { reportedAt: fromLocalInput(reportedAt) } : {}),
      ...(subjects !== "undecided" ? { notifySubjects: subjects === "yes" } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    if (await run(() => send(body), "Decision recorded.")) onSaved();
  };

  return (
    <form className="stack" noValidate onSubmit={submit} aria-label={we ? "Record our decision" : "Record the controller's decision"}>
      <RadioGroup legend={we ? "Did you report the breach to your supervisory authority?" : "Did the controller report the breach to its supervisory authority?"} name="reported" options={YES_NO} value={reported}
        onChange={setReported} error={fieldError(error, "reportedToAuthority")} />
      {reported === "yes" && (
        <>
          <Field label="Authority" hint="e.g. IMY, Datatilsynet, ICO" error={fieldError(error, "authority")}>
            {(p) => <input {...p} type="text" value={authority} onChange={(e) => setAuthority(e.target.value)} />}
          </Field>
          <Field label="Case reference" optional error={fieldError(error, "caseReference")}>
            {(p) => <input {...p} type="text" value={caseReference} onChange={(e) => setCaseReference(e.target.value)} />}
          </Field>
          <Field label="Reported on" optional error={fieldError(error, "reportedAt")}>
            {(p) => <input {...p} type="date" value={reportedAt} onChange={(e) => setReportedAt(e.target.value)} />}
          </Field>
        </>
      )}
      <RadioGroup legend={we ? "Will you inform your data subjects?" : "Will the controller inform its data subjects?"} name="notify-subjects" options={SUBJECTS} value={subjects}
        onChange={setSubjects} error={fieldError(error, "notifySubjects")} />
      <Field label="Note" optional hint="e.g. why you did not report" error={fieldError(error, "note")}>
        {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? "Saving…" : "Record decision"}</button>
        {onCancel && <button type="button" className="link-button" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}
