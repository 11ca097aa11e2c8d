import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { formatDateTime } from "../format.js";
import { approvalRefusalCode, sendRefusalCode } from "../../../shared/notices/rules.js";
import { noticesApi, type Notice, type Recipient } from "./api.js";
import { NoticeStatusBadge, useLanguageLabel, usePhaseLabel } from "./labels.js";
import { SendConfirm } from "./SendConfirm.js";
import { deliveryProblem } from "./NoticeTable.js";
import { useRun } from "./useRun.js";

/**
 * One notice: read it, edit the draft (subject, recipients, text), approve it (someone other than
 * the last editor), send it, retry it when delivery failed (only when mail can leave), discard it
 * while unsent, download it as PDF. Sending asks for a confirmation naming the recipients and language.
 */
export function NoticeEditor({ notice: n, mailConfigured, onChanged, onDiscarded, onClose }: {
  notice: Notice;
  /** Whether an SMTP server is configured; null when not known. */
  mailConfigured: boolean | null;
  onChanged(n: Notice): void;
  onDiscarded(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const phaseLabel = usePhaseLabel();
  const languageLabel = useLanguageLabel();
  const { user } = useAuth();
  const [confirming, setConfirming] = useState(false);
  const [subject, setSubject] = useState(n.subject);
  const [body, setBody] = useState(n.body);
  const [recipients, setRecipients] = useState<Recipient[]>(n.recipients);
  const save = useRun();
  const act = useRun();
  const dirty = subject !== n.subject || body !== n.body || JSON.stringify(recipients) !== JSON.stringify(n.recipients);
  const me = { id: user?.id ?? "", role: user?.role ?? "auditor", organizationId: null };
  const rulesView = { status: n.status, organizationId: n.organizationId, editedById: n.editedById, recipients: n.recipients };
  // The server decides (`can`); the shared rules give the reason in words. Four eyes is checked
  // last there, so assuming it is on never names a wrong reason.
  const status = t(`common:noticeStatus.${n.status}`).toLowerCase();
  const approveCode = n.can.approve ? null : approvalRefusalCode(rulesView, me, true);
  const approveWhy = dirty ? t("notices:editor.saveFirst") : approveCode ? t(`notices:refusal.approve.${approveCode}`, { status }) : null;
  const sendCode = n.can.send ? null : sendRefusalCode(rulesView, me);
  const sendWhy = sendCode ? t(`notices:refusal.send.${sendCode}`, { status }) : null;
  const title = t("notices:editor.title", { notice: phaseLabel(n.phase), organization: n.organization });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const updated = await save.run(() => noticesApi.update(n.id, { version: n.version, subject, body, recipients }), t("notices:editor.saved"));
    if (updated) onChanged(updated);
  };
  const action = async (fn: () => Promise<Notice>, success: string) => {
    const updated = await act.run(fn, success);
    if (updated) onChanged(updated);
  };

  return (
    <section className="notice-editor" aria-labelledby={`notice-${n.id}-title`}>
      <div className="card-head">
        <h3 id={`notice-${n.id}-title`}>{title} <span className="muted mono">{n.reference}</span></h3>
        <button type="button" className="link-button" onClick={onClose}>{t("notices:editor.close")}</button>
      </div>
      <p>
        <NoticeStatusBadge status={n.status} /> {languageLabel(n.language)}
        {n.sentAt && <> · {t("notices:editor.sent", { at: formatDateTime(n.sentAt) })}</>}
        {n.acknowledgedAt && <> · {t("notices:editor.acknowledged", { at: formatDateTime(n.acknowledgedAt), by: n.acknowledgedBy ?? "" })}</>}
      </p>
      {deliveryProblem(n) && <p className="alert alert-error">{deliveryProblem(n)}</p>}
      {n.changes.length > 0 && (
        <div className="alert alert-info">
          <strong>{t("notices:editor.changes")}</strong>
          <ul>{n.changes.map((c) => <li key={c}>{c}</li>)}</ul>
        </div>
      )}

      {n.can.edit ? (
        <form className="stack" noValidate onSubmit={submit} aria-label={t("notices:editor.editLabel", { title })}>
          <Field label={t("notices:editor.subject")} error={fieldError(save.error, "subject")}>
            {(p) => <input {...p} type="text" value={subject} onChange={(e) => setSubject(e.target.value)} />}
          </Field>
          <RecipientsEditor recipients={recipients} onChange={setRecipients} error={fieldError(save.error, "recipients")} />
          <Field label={t("notices:editor.text")} hint={t("notices:editor.textHint")} error={fieldError(save.error, "body")}>
            {(p) => <textarea {...p} className="notice-body" value={body} onChange={(e) => setBody(e.target.value)} />}
          </Field>
          <ErrorMessage error={save.error} />
          <div className="form-actions">
            <button type="submit" className="secondary" disabled={!dirty || save.busy}>{save.busy ? t("notices:editor.saving") : t("notices:editor.saveDraft")}</button>
            {dirty && <button type="button" className="link-button" onClick={() => { setSubject(n.subject); setBody(n.body); setRecipients(n.recipients); }}>{t("notices:editor.undo")}</button>}
          </div>
        </form>
      ) : (
        <>
          <p><strong>{t("notices:editor.to")}</strong> {n.recipients.map((r) => `${r.name} <${r.email}>`).join(", ") || <em>{t("notices:editor.noRecipients")}</em>}</p>
          <p><strong>{t("notices:editor.subjectIs")}</strong> {n.subject}</p>
          <div className="notice-text">{n.body}</div>
        </>
      )}

      <div className="notice-actions" aria-live="polite">
        {n.status === "draft" && (
          <span>
            <button type="button" className="primary" disabled={Boolean(approveWhy) || act.busy} aria-describedby={approveWhy ? `approve-why-${n.id}` : undefined}
              onClick={() => void action(() => noticesApi.approve(n.id), t("notices:editor.approved"))}>{t("notices:editor.approve")}</button>
            {approveWhy && <span className="why-not" id={`approve-why-${n.id}`}> {approveWhy}</span>}
          </span>
        )}
        {n.status === "approved" && (
          <span>
            <button type="button" className="primary" disabled={Boolean(sendWhy) || act.busy || confirming} aria-describedby={sendWhy ? `send-why-${n.id}` : undefined}
              onClick={() => setConfirming(true)}>{t("notices:editor.send")}</button>
            {sendWhy && <span className="why-not" id={`send-why-${n.id}`}> {sendWhy}</span>}
          </span>
        )}
        {n.can.retry && mailConfigured !== false && (
          <button type="button" className="primary" disabled={act.busy} onClick={() => void action(() => noticesApi.retry(n.id), t("notices:editor.requeued"))}>{t("notices:editor.retry")}</button>
        )}
        <a className="button secondary" href={noticesApi.pdfUrl(n.id)} download>{t("notices:editor.pdf")}</a>
        {n.can.discard && <DiscardButton notice={n} onDiscarded={onDiscarded} />}
      </div>
      {confirming && n.status === "approved" && (
        <SendConfirm notices={[n]} busy={act.busy}
          onConfirm={() => void action(() => noticesApi.send(n.id), t("notices:send.queued", { count: 1 })).finally(() => setConfirming(false))}
          onCancel={() => setConfirming(false)} />
      )}
      {n.status === "failed" && mailConfigured === false && <p className="alert alert-info" role="note">{t("notices:editor.noMail")}</p>}
      <ErrorMessage error={act.error} />
    </section>
  );
}

/** Discards an unsent notice after a second click, so that phase can be drafted again for this controller. */
function DiscardButton({ notice: n, onDiscarded }: { notice: Notice; onDiscarded(): void }) {
  const [asking, setAsking] = useState(false);
  const { t } = useTranslation();
  const phaseLabel = usePhaseLabel();
  const discard = useRun();
  const label = t(n.status === "draft" ? "notices:discard.draft" : "notices:discard.unsent");
  if (!asking) return <button type="button" className="secondary" onClick={() => setAsking(true)}>{label}</button>;
  return (
    <span role="group" aria-label={label}>
      <span className="why-not">{t("notices:discard.question", { reference: n.reference, notice: phaseLabel(n.phase).toLowerCase() })} </span>
      <button type="button" className="discard-confirm" disabled={discard.busy}
        onClick={async () => { if (await discard.run(() => noticesApi.discard(n.id), t("notices:discard.done", { reference: n.reference }))) onDiscarded(); }}>
        {discard.busy ? t("notices:discard.discarding") : t("notices:discard.yes")}
      </button>
      <button type="button" className="link-button" onClick={() => setAsking(false)}>{t("notices:discard.keep")}</button>
      <ErrorMessage error={discard.error} title={t("notices:discard.failed")} />
    </span>
  );
}

function RecipientsEditor({ recipients, onChange, error }: { recipients: Recipient[]; onChange(r: Recipient[]): void; error?: string }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Recipient>) => onChange(recipients.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className={`recipients${error ? " has-error" : ""}`}>
      <legend>{t("notices:recipients.legend")}</legend>
      {recipients.map((r, i) => (
        <div className="recipient-row" role="group" aria-label={t("notices:recipients.one", { n: i + 1 })} key={i}>
          <label>{t("notices:recipients.name")} <input type="text" value={r.name} onChange={(e) => set(i, { name: e.target.value })} /></label>
          <label>{t("notices:recipients.email")} <input type="email" value={r.email} onChange={(e) => set(i, { email: e.target.value })} /></label>
          <label>{t("notices:recipients.role")} <input type="text" value={r.role} onChange={(e) => set(i, { role: e.target.value })} /></label>
          <button type="button" className="small secondary" aria-label={t("notices:recipients.removeLabel", { n: i + 1 })}
            onClick={() => onChange(recipients.filter((_, j) => j !== i))}>{t("notices:recipients.remove")}</button>
        </div>
      ))}
      <button type="button" className="small secondary" onClick={() => onChange([...recipients, { name: "", email: "", role: "DPO" }])}>{t("notices:recipients.add")}</button>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
