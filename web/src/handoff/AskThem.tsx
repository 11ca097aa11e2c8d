import { useContext, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { IncidentCtx } from "../incident/context.js";
import { HANDOFF_STEPS, roleToAsk, type HandoffStep } from "../../../shared/handoff/steps.js";
import { handoffApi } from "./api.js";

/**
 * Where a step belongs to another role ("this is for the privacy officer"): instead of a dead end,
 * ask the people with that role on this incident. They get a mail in their language and see the
 * request among their mentions. Renders nothing for someone who may take the step themselves.
 */
export function AskThem({ step, incidentId }: { step: HandoffStep; incidentId?: string }) {
  const { can } = useAuth();
  const { t } = useTranslation();
  const incident = useContext(IncidentCtx)?.incident;
  const id = incidentId ?? incident?.id;
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  if (!id || can(HANDOFF_STEPS[step]) || !can("note.write")) return null;

  const role = roleToAsk(step);
  const roleName = t(`labels:role.${role}`).toLocaleLowerCase();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await handoffApi.ask(id, { role, step, ...(message.trim() ? { message: message.trim() } : {}) });
      setSent(t("incident:ask.sent", { names: res.recipients.map((r) => r.name).join(", ") }));
      setOpen(false);
      setMessage("");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ask-them">
      <p className="hint">{t("incident:ask.intro", { role: roleName, step: t(`labels:handoffStep.${step}`) })}</p>
      {sent && <p className="alert alert-info" role="status">{sent}</p>}
      {!open ? (
        <button type="button" className="secondary small" onClick={() => { setOpen(true); setSent(null); }}>
          {t("incident:ask.button", { role: roleName })}
        </button>
      ) : (
        <form className="stack" noValidate onSubmit={(e) => void submit(e)} aria-label={t("incident:ask.button", { role: roleName })}>
          <Field label={t("incident:ask.message")} hint={t("incident:ask.messageHint")} error={fieldError(error, "message")}>
            {(p) => <textarea {...p} rows={3} maxLength={2000} value={message} onChange={(e) => setMessage(e.target.value)} />}
          </Field>
          {fieldError(error, "role") ? <p className="alert alert-error" role="alert">{fieldError(error, "role")}</p> : <ErrorMessage error={error} />}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>{busy ? t("incident:ask.sending") : t("incident:ask.send")}</button>
            <button type="button" className="secondary" onClick={() => { setOpen(false); setError(null); }}>{t("common:cancel")}</button>
          </div>
        </form>
      )}
    </div>
  );
}
