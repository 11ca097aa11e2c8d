import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, Section, fieldError } from "../components.js";
import { formatDateTime, fromLocalInput, toLocalInput } from "../format.js";
import { useIncident } from "../incident/context.js";
import { ObligationItem } from "../breach/Obligations.js";
import type { Obligation } from "../breach/types.js";
import { RULE_SETS } from "../../../shared/nis2/jurisdictions.js";
import { currentLanguage } from "../i18n.js";
import { nis2Api, type Nis2AssessmentInput, type Nis2View } from "./api.js";
import { DAMAGE_LABELS, DISRUPTION_LABELS, LOSS_LABELS, THRESHOLD_LABELS } from "./labels.js";

/**
 * NIS2 on the incident page, apart from the personal-data breach: whether the incident is
 * significant (Art. 23(3)), from when the entity knew, and the reports owed to the CSIRT or
 * authority of the vendor's jurisdiction with their own clocks.
 */
export function Nis2Panel() {
  const { t } = useTranslation();
  const { incident } = useIncident();
  const { can } = useAuth();
  const [view, setView] = useState<Nis2View | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => { nis2Api.get(incident.id).then(setView, setError); }, [incident.id]);
  useEffect(() => { if (can("nis2.read")) reload(); }, [can, reload, incident.version]);
  if (!can("nis2.read")) return null;
  if (error) return <Section id="nis2" title={t("nis2:title")}><ErrorMessage error={error} title={t("nis2:loadFailed")} /></Section>;
  if (!view) return null;
  // The rule set's name and recipient in the reader's language (the view gives them in the vendor's).
  const rules = RULE_SETS[view.ruleSet.jurisdiction];
  const live = view.obligations.filter((o) => !o.obsolete) as unknown as Obligation[];
  return (
    <Section id="nis2" title={t("nis2:title")} aside={<span className="muted">{rules.name[currentLanguage()]}</span>}>
      <p className="hint">{t("nis2:lead", { law: view.ruleSet.law, recipient: rules.recipient[currentLanguage()] })}</p>
      {view.ruleSet.note && <p className="alert alert-info">{view.ruleSet.note}</p>}
      {view.current ? (
        <div>
          <p>
            <strong>{view.current.significant ? t("nis2:significant") : t("nis2:notSignificant")}</strong>{" "}
            {t("nis2:versionAware", { version: view.current.version, at: formatDateTime(view.current.awareAt) })}
          </p>
          {view.current.reasons.length > 0 && <ul>{view.current.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
          {view.current.rationale && <p className="hint">{t("nis2:rationaleShown", { rationale: view.current.rationale })}</p>}
        </div>
      ) : <p className="muted">{t("nis2:notAssessed")}</p>}
      {live.length > 0 && <ul className="obligations">{live.map((o) => <ObligationItem key={o.id} obligation={o} onChanged={reload} />)}</ul>}
      {can("nis2.assess") && <Nis2Form incidentId={incident.id} view={view} onSaved={setView} />}
    </Section>
  );
}

function draftOf(view: Nis2View) {
  const i = (view.current?.input ?? {}) as Partial<Nis2AssessmentInput>;
  return {
    awareAt: toLocalInput(new Date(view.current?.awareAt ?? Date.now())),
    awareAtReason: "",
    operationalDisruption: i.operationalDisruption ?? "none",
    financialLoss: i.financialLoss ?? "none",
    damageToOthers: i.damageToOthers ?? "none",
    thresholds: { tradeSecretsExfiltrated: false, deathOfPerson: false, healthDamage: false, maliciousAccessSevere: false, ...i.thresholds },
    suspectedMalicious: i.suspectedMalicious ?? false,
    crossBorderImpact: i.crossBorderImpact ?? false,
    recipientsAffected: i.recipientsAffected ?? false,
    handledAt: i.handledAt ? toLocalInput(new Date(i.handledAt)) : "",
    rationale: "",
  };
}

function Nis2Form({ incidentId, view, onSaved }: { incidentId: string; view: Nis2View; onSaved(v: Nis2View): void }) {
  const { t } = useTranslation();
  const [d, setD] = useState(() => draftOf(view));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<typeof d>) => setD((x) => ({ ...x, ...patch }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await nis2Api.assess(incidentId, {
        ...d, awareAt: fromLocalInput(d.awareAt) ?? d.awareAt, handledAt: d.handledAt ? fromLocalInput(d.handledAt) : undefined,
        awareAtReason: d.awareAtReason || undefined,
      }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const radios = <K extends "operationalDisruption" | "financialLoss" | "damageToOthers">(key: K, legend: string, labels: Readonly<Record<string, string>>) => (
    <fieldset>
      <legend>{legend}</legend>
      {Object.entries(labels).map(([value, label]) => (
        <label key={value} className="check">
          <input type="radio" name={`nis2-${key}`} checked={d[key] === value} onChange={() => update({ [key]: value } as Partial<typeof d>)} /> <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
  return (
    <form onSubmit={submit} aria-label={t("nis2:form.label")}>
      <Field label={t("nis2:form.awareAt")} error={fieldError(error, "awareAt")} hint={t("nis2:form.awareAtHint")}>
        {(p) => <input {...p} type="datetime-local" value={d.awareAt} onChange={(e) => update({ awareAt: e.target.value })} />}
      </Field>
      <Field label={t("nis2:form.awareAtReason")} optional error={fieldError(error, "awareAtReason")}>
        {(p) => <input {...p} value={d.awareAtReason} onChange={(e) => update({ awareAtReason: e.target.value })} />}
      </Field>
      {radios("operationalDisruption", t("nis2:form.disruption"), DISRUPTION_LABELS)}
      {radios("financialLoss", t("nis2:form.loss"), LOSS_LABELS)}
      {radios("damageToOthers", t("nis2:form.damage"), DAMAGE_LABELS)}
      <fieldset>
        <legend>{t("nis2:form.indicators")}</legend>
        {(Object.keys(THRESHOLD_LABELS) as (keyof typeof THRESHOLD_LABELS)[]).map((k) => (
          <label key={k} className="check">
            <input type="checkbox" checked={d.thresholds[k]} onChange={(e) => update({ thresholds: { ...d.thresholds, [k]: e.target.checked } })} /> <span>{THRESHOLD_LABELS[k]}</span>
          </label>
        ))}
      </fieldset>
      <label className="check"><input type="checkbox" checked={d.suspectedMalicious} onChange={(e) => update({ suspectedMalicious: e.target.checked })} /> <span>{t("nis2:form.malicious")}</span></label>
      <label className="check"><input type="checkbox" checked={d.crossBorderImpact} onChange={(e) => update({ crossBorderImpact: e.target.checked })} /> <span>{t("nis2:form.crossBorder")}</span></label>
      <label className="check"><input type="checkbox" checked={d.recipientsAffected} onChange={(e) => update({ recipientsAffected: e.target.checked })} /> <span>{t("nis2:form.recipients")}</span></label>
      <Field label={t("nis2:form.handledAt")} optional error={fieldError(error, "handledAt")} hint={t("nis2:form.handledAtHint")}>
        {(p) => <input {...p} type="datetime-local" value={d.handledAt} onChange={(e) => update({ handledAt: e.target.value })} />}
      </Field>
      <Field label={t("nis2:form.rationale")} optional error={fieldError(error, "rationale")}>
        {(p) => <textarea {...p} rows={2} value={d.rationale} onChange={(e) => update({ rationale: e.target.value })} />}
      </Field>
      {error != null && <ErrorMessage error={error} title={t("nis2:form.notSaved")} />}
      <button type="submit" disabled={busy}>{view.current ? t("nis2:form.saveNew") : t("nis2:form.save")}</button>
    </form>
  );
}
