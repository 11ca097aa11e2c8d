import { useState, type FormEvent, type ReactNode } from "react";
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
  const live = obligations.filter((o) => !o.obsolete);
  const obsolete = obligations.filter((o) => o.obsolete);
  const pending = live.filter((o) => o.status === "pending").length;
  return (
    <Section id="obligations" title="Obligations" aside={live.length ? <span className="muted">{pending} of {live.length} pending</span> : undefined}>
      {live.length === 0 ? (
        <p className="muted">No obligations. They appear when customers are marked as affected, or when the decision is to notify. NIS2 reports have their own panel.</p>
      ) : (
        <ul className="obligations">
          {live.map((o) => <ObligationItem key={o.id} obligation={o} onChanged={onChanged} />)}
        </ul>
      )}
      {decision?.notifyAuthority && !live.some((o) => o.code === "gdpr-33-1") && (
        <p className="hint">
          No notification to the supervisory authority is due from us: as processor we notify the controllers, who notify their authority.
          Mark our own company as affected when we are controller of the data.
        </p>
      )}
      {obsolete.length > 0 && (
        <details className="obsolete">
          <summary>{obsolete.length} no longer required</summary>
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
      setError(new Error("Explain why the obligation does not apply (at least 10 characters)."));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = mode === "complete"
        ? await api.completeObligation(o.id, { ...(text.trim() ? { note: text.trim() } : {}), ...(fromLocalInput(at) ? { at: fromLocalInput(at) } : {}) })
        : await api.waiveObligation(o.id, { reason: text.trim() });
      announce(mode === "complete" ? `"${o.title}" marked done.` : `"${o.title}" waived.`);
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
              <> · Met {formatDateTime(o.satisfiedAt)}{o.metOnTime === false ? <strong className="overdue"> (late)</strong> : o.metOnTime ? " (on time)" : null}</>
            )}
          </p>
          {o.note && <p className="obligation-note"><span className="muted">Note: </span>{o.note}</p>}
          {o.waivedReason && <p className="obligation-note"><span className="muted">Waived: </span>{o.waivedReason}</p>}
        </div>
      </div>
      {pending && can("obligation.manage") && mode === "idle" && (
        <div className="action-buttons">
          <button type="button" id={`${titleId}-complete`} className="secondary small" onClick={() => { setMode("complete"); setError(null); }} aria-label={`Complete "${label}"`}>Complete…</button>
          <button type="button" id={`${titleId}-waive`} className="secondary small" onClick={() => { setMode("waive"); setError(null); }} aria-label={`Waive "${label}"`}>Waive…</button>
        </div>
      )}
      {mode !== "idle" && (
        <form className="obligation-form stack" noValidate onSubmit={(e) => void submit(e)} aria-label={mode === "complete" ? `Complete "${label}"` : `Waive "${label}"`}>
          <Field label={mode === "complete" ? "How it was done" : "Why it does not apply"} optional={mode === "complete"}
            error={fieldError(error, mode === "complete" ? "note" : "reason")}
            hint={mode === "complete" ? "e.g. notice sent to the customer's DPO by e-mail." : "At least 10 characters; recorded in the register."}>
            {(p) => <textarea {...p} rows={2} autoFocus value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          {mode === "complete" && (
            <Field label="When it was done" optional hint="Leave empty for now." error={fieldError(error, "at")}>
              {(p) => <input {...p} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}
            </Field>
          )}
          <div aria-live="assertive"><ErrorMessage error={error} /></div>
          <div className="form-actions">
            <button type="submit" className="primary small" disabled={busy}>{busy ? "Saving…" : mode === "complete" ? "Mark done" : "Waive obligation"}</button>
            <button type="button" className="secondary small" onClick={() => {
              const back = mode;
              setMode("idle"); setError(null); setText(""); setAt("");
              // Back to the button that opened the form.
              requestAnimationFrame(() => document.getElementById(`${titleId}-${back}`)?.focus());
            }}>Cancel</button>
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
