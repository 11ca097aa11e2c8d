import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AUTHORITIES, PHASES, type Authority, type Phase } from "../../../shared/breach/authorityForms.js";
import { ErrorMessage, fieldError, useAnnounce } from "../components.js";
import { RadioGroup } from "../incident/sections.js";
import { reportsApi, type AuthorityReport } from "./api.js";
import { AUTHORITY_LABELS, PHASE_LABELS } from "./labels.js";

const authorityOptions = Object.fromEntries(AUTHORITIES.map((a) => [a, AUTHORITY_LABELS[a]])) as Record<Authority, string>;

/** Draft a new report to an authority: prefilled by the server from the incident and its assessment. */
export function DraftReportForm({ incidentId, hasInitial, onCreated }: {
  incidentId: string; hasInitial(a: Authority): boolean; onCreated(r: AuthorityReport): void;
}) {
  const { t } = useTranslation();
  const phaseOptions = Object.fromEntries(PHASES.map((p) => [p, PHASE_LABELS[p]])) as Record<Phase, string>;
  const announce = useAnnounce();
  const [authority, setAuthority] = useState<Authority>("IMY");
  const [phase, setPhase] = useState<Phase>(hasInitial("IMY") ? "supplementary" : "initial");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await reportsApi.create(incidentId, { authority, phase });
      announce(t("authority:draft.drafted", { report: PHASE_LABELS[phase], authority: r.authorityName }));
      onCreated(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack" noValidate aria-label={t("authority:draft.formLabel")} onSubmit={(e) => void submit(e)}>
      <RadioGroup legend={t("authority:draft.authority")} name="report-authority" options={authorityOptions} value={authority}
        hint={t("authority:draft.authorityHint")}
        onChange={(a) => { setAuthority(a); setPhase(hasInitial(a) ? "supplementary" : "initial"); }}
        error={fieldError(error, "authority")} />
      <RadioGroup legend={t("authority:draft.phase")} name="report-phase" options={phaseOptions} value={phase}
        hint={t("authority:draft.phaseHint")}
        onChange={setPhase} error={fieldError(error, "phase")} />
      <div aria-live="assertive"><ErrorMessage error={error} title={t("authority:draft.failed")} /></div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t("authority:draft.drafting") : t("authority:draft.submit")}</button>
      </div>
    </form>
  );
}
