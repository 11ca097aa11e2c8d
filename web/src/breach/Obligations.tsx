import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, Section, fieldError, useAnnounce } from "../components.js";
import { formatDateTime, fromLocalInput, useNow } from "../format.js";
import { Countdown } from "./Countdown.js";
import { OBLIGATION_STATUS_LABELS } from "./labels.js";
import type { Decision, Obligation, ObligationWithIncident } from "./types.js";

/** The incident's obligations, soonest first; those no longer required are listed apart. */
export function ObligationsSection({ obligations, decision, onChanged }: {
  obligations: Obligation[]; decision: Decision | null; onChanged(): void;
}) {
  const { t } = useTranslation();
  const live = obligations.filter((o) => !o.obsolete);
  const obsolete = obligations.filter((o) => o.obsolete);
  const pending = live.filter((o) => o.status === "pending").length;
  return (
    <Section id="obligations" title={t("breach:obligations.title")}
      aside={live.length ? <span className="muted">{t("breach:obligations.pendingOf", { pending, total: live.length })}</span> : undefined}>
      {live.length === 0 ? (
        <p className="muted">{t("breach:obligations.none")}</p>
      ) : (
        <ul className="obligations">
          {live.map((o) => <ObligationItem key={o.id} obligation={o} onChanged={onChanged} />)}
        </ul>
      )}
      {decision?.notifyAuthority && !live.some((o) => o.code === "gdpr-33-1") && (
        <p className="hint">{t("breach:obligations.noAuthority")}</p>
      )}
      {obsolete.length > 0 && (
        <details className="obsolete">
          <summary>{t("breach:obligations.obsolete", { count: obsolete.length })}</summary>
          <ul className="records">{obsolete.map((o) => <li key={o.id}>{o.title} → {o.creditor} ({o.article})</li>)}</ul>
        </details>
      )}
    </Section>
  );
}

type Mode = "idle" | "complete" | "waive";

/** One obligation: who owes what to whom, the countdown, and Complete / Waive. */
export function ObligationItem({ obligation: o, onChanged, context }: {
  obligation: Obligation | ObligationWithIncident; onChanged(o: Obligation): void; context?: ReactNode;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const announce = useAnnounce();
  const [mode, setMode] = useState<Mode>("idle");
  const [text, setText] = useState("");
  const [at, setAt] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const titleId = `obligation-${o.id}`;
  const pending = o.status === "pending";
  // Live: a deadline that passes while the page is open turns the row red without a reload.
  const now = useNow(30_000);
  const overdue = pending && Date.parse(o.dueAt) < now;
  const label = `${o.title} → ${o.creditor}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mode === "waive" && text.trim().length < 10) {
      setError(new Error(t("breach:obligations.waiveTooShort")));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = mode === "complete"
        ? await api.completeObligation(o.id, { ...(text.trim() ? { note: text.trim() } : {}), ...(fromLocalInput(at) ? { at: fromLocalInput(at) } : {}) })
        : await api.waiveObligation(o.id, { reason: text.trim() });
      announce(t(mode === "complete" ? "breach:obligations.markedDone" : "breach:obligations.waived", { title: o.title }));
      setMode("idle");
      setText("");
      setAt("");
      onChanged(updated);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`obligation obligation-${o.status}${overdue ? " is-overdue" : ""}`} aria-labelledby={titleId}>
      <div className="obligation-main">
        <span className={`badge obligation-status-${o.status}`}>{OBLIGATION_STATUS_LABELS[o.status]}</span>
        <div>
          <p className="obligation-title" id={titleId}>{o.title} <span className="muted">→ {o.creditor}</span></p>
          <p className="obligation-meta">
            {o.article} · {o.debtor}{context && <> · {context}</>}
          </p>
          <p className="obligation-meta">
            {pending ? <Countdown dueAt={o.dueAt} /> : <Countdown dueAt={o.dueAt} done />}
            {o.status === "done" && o.satisfiedAt && (
              <> · {t("breach:obligations.met", { at: formatDateTime(o.satisfiedAt) })}
                {o.metOnTime === false ? <strong className="overdue"> {t("breach:obligations.late")}</strong> : o.metOnTime ? ` ${t("breach:obligations.onTime")}` : null}</>
            )}
          </p>
          {o.note && <p className="obligation-note"><span className="muted">{t("breach:obligations.note")} </span>{o.note}</p>}
          {o.waivedReason && <p className="obligation-note"><span className="muted">{t("breach:obligations.waivedPrefix")} </span>{o.waivedReason}</p>}
        </div>
      </div>
      {pending && can("obligation.manage") && mode === "idle" && (
        <div className="action-buttons">
          <button type="button" id={`${titleId}-complete`} className="secondary small" onClick={() => { setMode("complete"); setError(null); }} aria-label={t("breach:obligations.completeLabel", { label })}>{t("breach:obligations.complete")}</button>
          <button type="button" id={`${titleId}-waive`} className="secondary small" onClick={() => { setMode("waive"); setError(null); }} aria-label={t("breach:obligations.waiveLabel", { label })}>{t("breach:obligations.waive")}</button>
        </div>
      )}
      {mode !== "idle" && (
        <form className="obligation-form stack" noValidate onSubmit={(e) => void submit(e)} aria-label={t(mode === "complete" ? "breach:obligations.completeLabel" : "breach:obligations.waiveLabel", { label })}>
          <Field label={mode === "complete" ? t("breach:obligations.how") : t("breach:obligations.why")} optional={mode === "complete"}
            error={fieldError(error, mode === "complete" ? "note" : "reason")}
            hint={mode === "complete" ? t("breach:obligations.howHint") : t("breach:obligations.whyHint")}>
            {(p) => <textarea {...p} rows={2} autoFocus value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          {mode === "complete" && (
            <Field label={t("breach:obligations.when")} optional hint={t("breach:obligations.whenHint")} error={fieldError(error, "at")}>
              {(p) => <input {...p} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}
            </Field>
          )}
          <div aria-live="assertive"><ErrorMessage error={error} /></div>
          <div className="form-actions">
            <button type="submit" className="primary small" disabled={busy}>{busy ? t("common:saving") : mode === "complete" ? t("breach:obligations.markDone") : t("breach:obligations.waiveSubmit")}</button>
            <button type="button" className="secondary small" onClick={() => {
              const back = mode;
              setMode("idle"); setError(null); setText(""); setAt("");
              // Back to the button that opened the form.
              requestAnimationFrame(() => document.getElementById(`${titleId}-${back}`)?.focus());
            }}>{t("common:cancel")}</button>
          </div>
        </form>
      )}
      {mode === "idle" && error != null && <div aria-live="assertive"><ErrorMessage error={error} /></div>}
    </li>
  );
}

/** A link to the obligation's incident, for lists across incidents. */
export function IncidentRef({ incident }: { incident: ObligationWithIncident["incident"] }) {
  if (!incident) return null;
  return <Link to={`/incidents/${incident.id}#obligations`}><span className="mono">{incident.reference}</span> {incident.title}</Link>;
}
