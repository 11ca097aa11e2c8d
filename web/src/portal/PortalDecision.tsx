import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Field, fieldError, Section } from "../components.js";
import { formatDate, formatDateTime, fromLocalInput } from "../format.js";
import { RadioGroup } from "../incident/sections.js";
import { portalApi, type ControllerDecisionView, type DecisionInput } from "../notices/api.js";
import { AUTHORITY_DECISIONS, type AuthorityDecision } from "../../../shared/schemas/notice.js";
import { useRun } from "../notices/useRun.js";

type YesNo = "yes" | "no";

/**
 * Our decision as controller: did we report the breach to our supervisory authority (which,
 * case reference, when), and do we inform our data subjects. Every version is kept; the
 * processor sees the newest in its breach register.
 */
export function PortalDecision({ incidentId, decisions, onSaved }: { incidentId: string; decisions: ControllerDecisionView[]; onSaved(): void }) {
  const { t } = useTranslation();
  const current = decisions[0] ?? null;
  const [editing, setEditing] = useState(!current);
  const yesNo = (v: boolean | null) => t(v === null ? "portal:decision.undecided" : v ? "portal:decision.yes" : "portal:decision.no");
  return (
    <Section id="portal-decision" title={t("portal:decision.title")}>
      {current && (
        <dl className="facts">
          <div><dt>{t("portal:decision.reported")}</dt><dd>{t(`portal:decision.options.${current.authorityDecision}`)}</dd></div>
          {current.authority && <div><dt>{t("portal:decision.authority")}</dt><dd>{current.authority}</dd></div>}
          {current.caseReference && <div><dt>{t("portal:decision.caseReference")}</dt><dd className="mono">{current.caseReference}</dd></div>}
          {current.reportedAt && <div><dt>{t("portal:decision.reportedAt")}</dt><dd>{formatDate(current.reportedAt)}</dd></div>}
          <div><dt>{t("portal:decision.informSubjects")}</dt><dd>{yesNo(current.notifySubjects)}</dd></div>
          {current.note && <div><dt>{t("portal:decision.note")}</dt><dd className="prewrap">{current.note}</dd></div>}
          <div>
            <dt>{t("portal:decision.recorded")}</dt>
            <dd>
              {t("portal:decision.recordedBy", { at: formatDateTime(current.decidedAt), by: current.decidedBy })}
              {decisions.length > 1 ? ` ${t("portal:decision.version", { version: decisions.length })}` : ""}
            </dd>
          </div>
        </dl>
      )}
      {editing ? (
        <DecisionForm current={current} submit={(body) => portalApi.decide(incidentId, body)} onSaved={() => { setEditing(false); onSaved(); }}
          onCancel={current ? () => setEditing(false) : undefined} />
      ) : (
        <button type="button" className="secondary" onClick={() => setEditing(true)}>{t("portal:decision.change")}</button>
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
  const [decision, setDecision] = useState<AuthorityDecision | "">(current?.authorityDecision ?? "");
  const [authority, setAuthority] = useState(current?.authority ?? "");
  const [caseReference, setCaseReference] = useState(current?.caseReference ?? "");
  const [reportedAt, setReportedAt] = useState(current?.reportedAt?.slice(0, 10) ?? "");
  const [subjects, setSubjects] = useState<YesNo | "undecided">(current?.notifySubjects === true ? "yes" : current?.notifySubjects === false ? "no" : "undecided");
  const [note, setNote] = useState(current?.note ?? "");
  const { busy, error, setError, run } = useRun();
  const { t } = useTranslation();
  const yesNo: Record<YesNo, string> = { yes: t("portal:decision.yes"), no: t("portal:decision.no") };
  const subjectOptions: Record<YesNo | "undecided", string> = { ...yesNo, undecided: t("portal:decision.undecided") };
  const decisionOptions = Object.fromEntries(AUTHORITY_DECISIONS.map((d) => [d, t(`portal:decision.options.${d}`)])) as Record<AuthorityDecision, string>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!decision) { setError(new Error(t(we ? "portal:decision.sayReportedWe" : "portal:decision.sayReportedThey"))); return; }
    if (decision === "not_required" && !note.trim()) { setError(new Error(t("portal:decision.sayReason"))); return; }
    const yes = decision === "reported";
    const body = {
      authorityDecision: decision,
      ...(yes && authority.trim() ? { authority: authority.trim() } : {}),
      ...(yes && caseReference.trim() ? { caseReference: caseReference.trim() } : {}),
      ...(yes && reportedAt ? { reportedAt: fromLocalInput(reportedAt) } : {}),
      ...(subjects !== "undecided" ? { notifySubjects: subjects === "yes" } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    if (await run(() => send(body), t("portal:decision.saved"))) onSaved();
  };

  return (
    <form className="stack" noValidate onSubmit={submit} aria-label={t(we ? "portal:decision.formWe" : "portal:decision.formThey")}>
      <RadioGroup legend={t(we ? "portal:decision.reportedWe" : "portal:decision.reportedThey")} name="authority-decision" options={decisionOptions}
        value={decision} onChange={setDecision} error={fieldError(error, "authorityDecision")} />
      {decision === "reported" && (
        <>
          <Field label={t("portal:decision.authority")} hint={t("portal:decision.authorityHint")} error={fieldError(error, "authority")}>
            {(p) => <input {...p} type="text" value={authority} onChange={(e) => setAuthority(e.target.value)} />}
          </Field>
          <Field label={t("portal:decision.caseReference")} optional error={fieldError(error, "caseReference")}>
            {(p) => <input {...p} type="text" value={caseReference} onChange={(e) => setCaseReference(e.target.value)} />}
          </Field>
          <Field label={t("portal:decision.reportedAt")} optional error={fieldError(error, "reportedAt")}>
            {(p) => <input {...p} type="date" value={reportedAt} onChange={(e) => setReportedAt(e.target.value)} />}
          </Field>
        </>
      )}
      <RadioGroup legend={t(we ? "portal:decision.subjectsWe" : "portal:decision.subjectsThey")} name="notify-subjects"
        options={subjectOptions} value={subjects}
        onChange={setSubjects} error={fieldError(error, "notifySubjects")} />
      <Field label={t(decision === "not_required" ? "portal:decision.reason" : "portal:decision.note")} optional={decision !== "not_required"}
        hint={decision === "not_required" ? undefined : t("portal:decision.noteHint")} error={fieldError(error, "note")}>
        {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t("portal:decision.saving") : t("portal:decision.submit")}</button>
        {onCancel && <button type="button" className="link-button" onClick={onCancel}>{t("portal:decision.cancel")}</button>}
      </div>
    </form>
  );
}
