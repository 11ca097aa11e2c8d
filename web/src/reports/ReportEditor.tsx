import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { FactKey } from "../../../shared/breach/authorityForms.js";
import { ErrorMessage, useAnnounce } from "../components.js";
import { currentLanguage as i18nLang } from "../i18n.js";
import { reportsApi, type AuthorityReport, type ReportField } from "./api.js";

type Values = Partial<Record<FactKey, string>>;
const valuesOf = (r: AuthorityReport): Values => Object.fromEntries(r.fields.map((f) => [f.key, f.value]));

/**
 * Every field of a draft report with its label in the authority's language (the form carries
 * `lang`; our own words carry the reader's language). What is still missing is listed in words at the top.
 * Remount (key) on the server's answer so the draft starts from what was saved.
 */
export function ReportEditor({ report, canEdit, onSaved, onDirty }: {
  report: AuthorityReport; canEdit: boolean; onSaved(r: AuthorityReport): void; onDirty(dirty: boolean): void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const saved = valuesOf(report);
  const [draft, setDraft] = useState<Values>(saved);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const changed = (Object.keys(draft) as FactKey[]).filter((k) => (draft[k] ?? "") !== (saved[k] ?? ""));
  const readOnly = report.submittedAt ? t("authority:editor.readOnlySubmitted") : !canEdit ? t("authority:editor.readOnlyRole") : null;
  const titleId = `report-${report.id}-title`;

  const update = (key: FactKey, value: string) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    onDirty((Object.keys(next) as FactKey[]).some((k) => (next[k] ?? "") !== (saved[k] ?? "")));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (changed.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const r = await reportsApi.update(report.id, Object.fromEntries(changed.map((k) => [k, draft[k] ?? ""])));
      announce(r.missing.length ? t("authority:editor.savedMissing", { count: r.missing.length }) : t("authority:editor.saved"));
      onDirty(false);
      onSaved(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack report-form" lang={report.language} noValidate aria-labelledby={titleId} onSubmit={(e) => void submit(e)}>
      <h3 id={titleId}>{report.title} <span className="muted">({report.authorityName})</span></h3>
      <MissingList report={report} />
      {readOnly ? <p className="hint read-only-note" lang={i18nLang()}>{readOnly}</p> : <p className="hint" lang={i18nLang()}>{t("authority:editor.required")}</p>}
      <fieldset className="report-fields" disabled={Boolean(readOnly) || busy}>
        <legend lang={i18nLang()}>{t("authority:editor.fields")}</legend>
        {report.fields.map((f) => (
          <ReportFieldInput key={f.key} field={f} value={draft[f.key] ?? ""} onChange={(v) => update(f.key, v)}
            missing={report.missing.some((m) => m.key === f.key)} error={error} />
        ))}
      </fieldset>
      {!readOnly && (
        <div lang={i18nLang()}>
          <div aria-live="assertive"><ErrorMessage error={error} title={t("authority:editor.failed")} /></div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy || changed.length === 0}>{busy ? t("authority:editor.saving") : t("authority:editor.save")}</button>
            {changed.length > 0 && !busy && (
              <>
                <span className="muted">{t("authority:editor.unsaved", { count: changed.length })}</span>
                <button type="button" className="link-button" onClick={() => { setDraft(saved); onDirty(false); setError(null); }}>{t("authority:editor.undo")}</button>
              </>
            )}
          </div>
        </div>
      )}
    </form>
  );
}

/** "Still needed before it can be submitted", one label per empty required field. */
function MissingList({ report }: { report: AuthorityReport }) {
  const { t } = useTranslation();
  return (
    <div aria-live="polite">
      {report.submittedAt ? null : report.missing.length === 0 ? (
        <p className="alert alert-info" lang={i18nLang()}>{t("authority:editor.complete")}</p>
      ) : (
        <div className="alert alert-warn">
          <p className="report-missing-title" lang={i18nLang()}><strong>{t("authority:editor.stillNeeded", { count: report.missing.length })}</strong></p>
          <ul className="missing-list">
            {report.missing.map((m) => (
              <li key={m.key}>
                <a href={`#field-${m.key}`} onClick={(e) => { e.preventDefault(); document.getElementById(`field-${m.key}`)?.focus(); }}>{m.label}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function ReportFieldInput({ field: f, value, onChange, missing, error }: {
  field: ReportField; value: string; onChange(v: string): void; missing: boolean; error: unknown;
}) {
  const { t } = useTranslation();
  const id = `field-${f.key}`;
  const issue = error && typeof error === "object" && "fieldError" in error
    ? (error as { fieldError(k: string): string | undefined }).fieldError(`fields.${f.key}`) : undefined;
  const hintId = missing && !value.trim() ? `${id}-missing` : undefined;
  const errorId = issue ? `${id}-error` : undefined;
  const props = {
    id, value, required: f.required,
    "aria-invalid": issue ? (true as const) : undefined,
    "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
  };
  return (
    <div className={`field${issue ? " has-error" : ""}`}>
      <label htmlFor={id}>
        {f.label}
        {f.required && <span className="required-mark" aria-hidden="true"> *</span>}
      </label>
      {hintId && <p className="hint" id={hintId} lang={i18nLang()}>{t("authority:editor.empty")}</p>}
      {f.options
        ? (
          <select {...props} onChange={(e) => onChange(e.target.value)}>
            <option value="">—</option>
            {f.options.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        )
        : f.multiline
          ? <textarea {...props} rows={4} onChange={(e) => onChange(e.target.value)} />
          : <input {...props} type="text" onChange={(e) => onChange(e.target.value)} />}
      {issue && <p className="field-error" id={errorId}>{issue}</p>}
    </div>
  );
}
