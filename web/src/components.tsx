import { createContext, useCallback, useContext, useId, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentStatus } from "../../shared/lifecycle.js";
import { ApiError, type Severity } from "./api.js";
import { SEVERITY_LABELS, STATUS_LABELS } from "./format.js";
import { asText } from "../../shared/text.js";

export function StatusBadge({ status }: { status: IncidentStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function SeverityBadge({ severity }: { severity: Severity | null }) {
  const { t } = useTranslation();
  if (!severity) return <span className="badge severity-none">{t("incident:badge.unrated")}</span>;
  return <span className={`badge severity-${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}

export function PersonalDataBadge({ value }: { value: string | null }) {
  const { t } = useTranslation();
  if (value === "yes") return <span className="badge pd-yes" title={t("incident:badge.pdYesTitle")}>{t("incident:badge.pdYes")}</span>;
  if (value === "unknown") return <span className="badge pd-unknown" title={t("incident:badge.pdUnknownTitle")}>{t("incident:badge.pdUnknown")}</span>;
  return null;
}

/** A label, a control and its error; the control gets the id, aria-invalid and aria-describedby. */
export function Field({ label, hint, error, children, optional }: {
  label: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  children: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> {t("incident:form.optional")}</span>}
      </label>
      {hint && <p className="hint" id={hintId}>{hint}</p>}
      {children({ id, ...(error ? { "aria-invalid": true as const } : {}), "aria-describedby": describedBy })}
      {error && <p className="field-error" id={errorId}>{error}</p>}
    </div>
  );
}

/** The form-level error of a failed request, announced to screen readers. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const message = error instanceof Error ? error.message : asText(error);
  const showIssues = e && e.issues.length > 0 && e.status === 400;
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{title} </strong>}
      {showIssues ? t("incident:form.correctFields") : message}
      {e && e.missing.length > 0 && (
        <ul>{e.missing.map((m) => <li key={m}>{m}</li>)}</ul>
      )}
    </div>
  );
}

/** A field's error message from an ApiError's issues, if any. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}

/** A fieldset of checkboxes choosing several values from a label table; `inline` lays them out in rows. */
export function CheckGroup<T extends string>({ legend, name, labels, values, onChange, error, hint, inline }: {
  legend: string; name: string; labels: Record<T, string>; values: T[]; onChange(v: T[]): void; error?: string; hint?: ReactNode; inline?: boolean;
}) {
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  return (
    <fieldset className={`checkbox-group${error ? " has-error" : ""}`} aria-describedby={[hint ? hintId : "", error ? errorId : ""].join(" ").trim() || undefined}>
      <legend>{legend}</legend>
      {hint && <p className="hint" id={hintId}>{hint}</p>}
      <ul className={`checks${inline ? " inline-checks" : ""}`}>
        {(Object.keys(labels) as T[]).map((k) => (
          <li key={k}>
            <label className="check">
              <input type="checkbox" name={name} value={k} checked={values.includes(k)}
                onChange={(e) => onChange(e.target.checked ? [...values, k] : values.filter((v) => v !== k))} />
              <span>{labels[k]}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && <p className="field-error" id={errorId}>{error}</p>}
    </fieldset>
  );
}

/** The person picker lives with the people (searchable, name, role and e-mail). */
export { UserSelect } from "./people/UserSelect.js";

/** A list of short strings: type one and press Enter or "Add"; each can be removed. */
export function ListInput({ label, values, onChange, hint, error, disabled }: {
  label: string;
  values: string[];
  onChange(v: string[]): void;
  hint?: string;
  error?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const add = (refocus: boolean) => {
    const parts = text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
    const next = [...values];
    for (const p of parts) if (!next.includes(p)) next.push(p);
    if (parts.length) onChange(next);
    setText("");
    if (refocus) inputRef.current?.focus();
  };
  return (
    <Field label={label} hint={hint} error={error} optional>
      {(p) => (
        <div className="list-input">
          {values.length > 0 && (
            <ul className="chips" aria-label={label}>
              {values.map((v) => (
                <li key={v} className="chip">
                  <span>{v}</span>
                  <button type="button" className="chip-remove" disabled={disabled} aria-label={t("incident:form.removeValue", { value: v })}
                    onClick={() => onChange(values.filter((x) => x !== v))}>×</button>
                </li>
              ))}
            </ul>
          )}
          <div className="inline">
            <input {...p} ref={inputRef} type="text" value={text} disabled={disabled}
              onChange={(e) => setText(e.target.value)}
              // Text typed but not added is kept when the user moves on (e.g. straight to Save).
              onBlur={(e) => { if (text.trim() && e.relatedTarget?.getAttribute("data-list-add") !== "true") add(false); }}
              onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); if (text.trim()) add(true); } }} />
            <button type="button" className="secondary" data-list-add="true" disabled={disabled || !text.trim()} onClick={() => add(true)}>{t("incident:form.add")}</button>
          </div>
        </div>
      )}
    </Field>
  );
}

/** A titled card on the incident page. */
export function Section({ title, id, children, aside }: { title: string; id: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} id={id}>
      <div className="card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

// --- announcements: one polite live region for "saved" messages ---

const AnnounceContext = createContext<(message: string) => void>(() => {});

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback((m: string) => {
    setMessage("");
    clearTimeout(timer.current);
    // A fresh node per message so the same text is announced twice in a row.
    requestAnimationFrame(() => setMessage(m));
    timer.current = setTimeout(() => setMessage(""), 6000);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className={`toast${message ? " visible" : ""}`} role="status" aria-live="polite">{message}</div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce() {
  return useContext(AnnounceContext);
}
