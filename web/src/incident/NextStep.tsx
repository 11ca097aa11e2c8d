import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { isReopen } from "../../../shared/lifecycle.js";
import { ROLE_LABELS } from "../format.js";
import { api, ApiError } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { STATUS_LABELS, TRANSITION_VERBS, formatDateTime } from "../format.js";
import { useIncident } from "./context.js";
import { AskThem } from "../handoff/AskThem.js";
import { OpenAtClose } from "./OpenAtClose.js";

/**
 * "What's still needed": the requirements for the next status, in the server's words, and
 * the button that moves the incident on (disabled, with the reason, until it may).
 */
export function NextStep() {
  const { incident, mutate } = useIncident();
  const { user } = useAuth();
  const { t } = useTranslation();
  const [failure, setFailure] = useState<{ error: unknown; status: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [closeReason, setCloseReason] = useState("");
  // A failure is shown while the incident stays in its status; a refusal listing what is
  // missing, only until nothing is missing any more.
  const refused = failure?.error instanceof ApiError && failure.error.missing.length > 0;
  const error = failure && failure.status === incident.status && (!refused || incident.missing.length > 0) ? failure.error : null;
  const next = incident.nextStatus;
  const option = next ? incident.transitions.find((t) => t.to === next && !isReopen(incident.status, t.to)) : undefined;
  const reopenOption = incident.transitions.find((t) => isReopen(incident.status, t.to));
  const permitted = option ? (option.permitted ?? (next === "closed" ? incident.can.close : incident.can.transition)) : false;
  const ready = incident.missing.length === 0;
  const roleLabel = user ? (ROLE_LABELS[user.role] ?? user.role) : "";

  const openAtClose = next === "closed" && option?.allowed ? incident.openAtClose : [];
  const move = async () => {
    if (!next) return;
    const reason = closeReason.trim();
    if (openAtClose.length > 0 && !reason) {
      const message = t("incident:close.reasonMissing");
      setFailure({ error: new ApiError(400, message, "validation_failed", [{ field: "reason", message }]), status: incident.status });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const body = openAtClose.length > 0 ? { to: next, reason } : { to: next };
      await mutate((i) => api.transition(i.id, body), t("incident:next.moved", { status: STATUS_LABELS[next] }));
    } catch (e) {
      setFailure({ error: e, status: incident.status });
    } finally {
      setBusy(false);
    }
  };

  const explanationId = "next-step-explanation";
  let explanation: string | null = null;
  if (option && !option.allowed) {
    if (!permitted)
      explanation = next === "closed"
        ? t("incident:next.cannotClose", { role: roleLabel })
        : t("incident:next.cannotMove", { role: roleLabel });
    else if (!ready) explanation = t("incident:next.completeFirst", { count: incident.missing.length });
  }

  return (
    <section className={`card next-step${next && !ready ? " pending" : " ready"}`} aria-labelledby="next-step-title">
      {next ? (
        <>
          <h2 id="next-step-title">
            {ready ? t("incident:next.ready", { status: STATUS_LABELS[next] }) : t("incident:next.needed", { status: STATUS_LABELS[next] })}
          </h2>
          {ready ? (
            <p>{t("incident:next.allInPlace")}</p>
          ) : (
            <ul className="missing-list" aria-label={t("incident:next.stillNeeded")}>
              {incident.missing.map((m) => <li key={m}>{m}</li>)}
            </ul>
          )}
          {openAtClose.length > 0 && <OpenAtClose items={openAtClose} reason={closeReason} setReason={setCloseReason} error={error} />}
          {option && (
            <div className="next-step-actions">
              <button type="button" className="primary" onClick={move} disabled={busy || !option.allowed}
                aria-describedby={explanation ? explanationId : undefined}>
                {busy ? t("incident:next.saving") : TRANSITION_VERBS[next]}
              </button>
              {explanation && <p className="hint" id={explanationId}>{explanation}</p>}
              {!permitted && next === "closed" && <AskThem step="close" />}
            </div>
          )}
        </>
      ) : (
        <>
          <h2 id="next-step-title">{t("incident:next.closedTitle")}</h2>
          <p>{t("incident:next.closedText", { at: formatDateTime(incident.closedAt) })}</p>
        </>
      )}
      <div aria-live="assertive">
        {error instanceof ApiError && error.missing.length > 0 ? (
          <div className="alert alert-error" role="alert">
            <strong>{t("incident:next.refused")}</strong> {t("incident:next.refusedList")}
            <ul>{error.missing.map((m) => <li key={m}>{m}</li>)}</ul>
          </div>
        ) : (
          <ErrorMessage error={error} />
        )}
      </div>
      {reopenOption && incident.can.reopen && <Reopen />}
    </section>
  );
}

function Reopen() {
  const { mutate } = useIncident();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(new ApiError(400, t("incident:reopen.reasonMissing"), "validation_failed", [{ field: "reason", message: t("incident:reopen.reasonHint") }]));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await mutate((i) => api.transition(i.id, { to: "remediating", reason: reason.trim() }), t("incident:reopen.done"));
      setOpen(false);
      setReason("");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <p className="reopen-toggle">
        <button type="button" className="secondary" onClick={() => setOpen(true)}>{t("incident:reopen.open")}</button>
      </p>
    );
  return (
    <form className="reopen stack" onSubmit={submit} noValidate>
      <Field label={t("incident:reopen.reason")} hint={t("incident:reopen.hint")} error={fieldError(error, "reason")}>
        {(p) => <textarea {...p} rows={2} autoFocus value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t("incident:reopen.busy") : t("incident:reopen.submit")}</button>
        <button type="button" className="secondary" onClick={() => { setOpen(false); setError(null); }}>{t("common:cancel")}</button>
      </div>
    </form>
  );
}
