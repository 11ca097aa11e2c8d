import { useState, type FormEvent } from "react";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { formatDateTime } from "../format.js";
import { approvalRefusal, sendRefusal } from "../../../shared/notices/rules.js";
import { noticesApi, type Notice, type Recipient } from "./api.js";
import { languageLabel, NoticeStatusBadge, PHASE_LABELS } from "./labels.js";
import { deliveryProblem } from "./NoticeTable.js";
import { useRun } from "./useRun.js";

/**
 * One notice: read it, edit the draft (subject, recipients, text), approve it (someone other than
 * the last editor), send it, retry it when delivery failed (only when mail can leave), discard it
 * while unsent, download it as PDF.
 */
export function NoticeEditor({ notice: n, mailConfigured, onChanged, onDiscarded, onClose }: {
  notice: Notice;
  /** Whether an SMTP server is configured; null when not known. */
  mailConfigured: boolean | null;
  onChanged(n: Notice): void;
  onDiscarded(): void;
  onClose(): void;
}) {
  const { user } = useAuth();
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
  const approveWhy = dirty ? "Save your changes first; someone else then approves them." : n.can.approve ? null : approvalRefusal(rulesView, me, true);
  const sendWhy = n.can.send ? null : sendRefusal(rulesView, me);
  const title = `${PHASE_LABELS[n.phase]} to ${n.organization}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const updated = await save.run(() => noticesApi.update(n.id, { version: n.version, subject, body, recipients }), "Draft saved. Someone else must approve it.");
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
        <button type="button" className="link-button" onClick={onClose}>Close</button>
      </div>
      <p>
        <NoticeStatusBadge status={n.status} /> {languageLabel(n.language)}
        {n.sentAt && <> · sent {formatDateTime(n.sentAt)}</>}
        {n.acknowledgedAt && <> · acknowledged {formatDateTime(n.acknowledgedAt)} by {n.acknowledgedBy}</>}
      </p>
      {deliveryProblem(n) && <p className="alert alert-error">{deliveryProblem(n)}</p>}
      {n.changes.length > 0 && (
        <div className="alert alert-info">
          <strong>What changed since the previous notice</strong>
          <ul>{n.changes.map((c) => <li key={c}>{c}</li>)}</ul>
        </div>
      )}

      {n.can.edit ? (
        <form className="stack" noValidate onSubmit={submit} aria-label={`Edit ${title}`}>
          <Field label="Subject" error={fieldError(save.error, "subject")}>
            {(p) => <input {...p} type="text" value={subject} onChange={(e) => setSubject(e.target.value)} />}
          </Field>
          <RecipientsEditor recipients={recipients} onChange={setRecipients} error={fieldError(save.error, "recipients")} />
          <Field label="Text" hint="Plain text; blank lines separate paragraphs. The acknowledgement link is added when it is sent." error={fieldError(save.error, "body")}>
            {(p) => <textarea {...p} className="notice-body" value={body} onChange={(e) => setBody(e.target.value)} />}
          </Field>
          <ErrorMessage error={save.error} />
          <div className="form-actions">
            <button type="submit" className="secondary" disabled={!dirty || save.busy}>{save.busy ? "Saving…" : "Save draft"}</button>
            {dirty && <button type="button" className="link-button" onClick={() => { setSubject(n.subject); setBody(n.body); setRecipients(n.recipients); }}>Undo changes</button>}
          </div>
        </form>
      ) : (
        <>
          <p><strong>To:</strong> {n.recipients.map((r) => `${r.name} <${r.email}>`).join(", ") || <em>no recipients</em>}</p>
          <p><strong>Subject:</strong> {n.subject}</p>
          <div className="notice-text">{n.body}</div>
        </>
      )}

      <div className="notice-actions" aria-live="polite">
        {n.status === "draft" && (
          <span>
            <button type="button" className="primary" disabled={Boolean(approveWhy) || act.busy} aria-describedby={approveWhy ? `approve-why-${n.id}` : undefined}
              onClick={() => void action(() => noticesApi.approve(n.id), "Notice approved.")}>Approve</button>
            {approveWhy && <span className="why-not" id={`approve-why-${n.id}`}> {approveWhy}</span>}
          </span>
        )}
        {n.status === "approved" && (
          <span>
            <button type="button" className="primary" disabled={Boolean(sendWhy) || act.busy} aria-describedby={sendWhy ? `send-why-${n.id}` : undefined}
              onClick={() => void action(() => noticesApi.send(n.id), "Notice queued for sending.")}>Send</button>
            {sendWhy && <span className="why-not" id={`send-why-${n.id}`}> {sendWhy}</span>}
          </span>
        )}
        {n.can.retry && mailConfigured !== false && (
          <button type="button" className="primary" disabled={act.busy} onClick={() => void action(() => noticesApi.retry(n.id), "Notice queued again.")}>Retry sending</button>
        )}
        <a className="button secondary" href={noticesApi.pdfUrl(n.id)} download>Download PDF</a>
        {n.can.discard && <DiscardButton notice={n} onDiscarded={onDiscarded} />}
      </div>
      {n.status === "failed" && mailConfigured === false && (
        <p className="alert alert-info" role="note">
          No mail server is configured, so this notice cannot be sent from here: its mail is kept in Outgoing mail as not delivered.
          Tell the controller another way (for example, send it the PDF), then mark its Art. 33(2) obligation done by hand.
        </p>
      )}
      <ErrorMessage error={act.error} />
    </section>
  );
}

/** Discards an unsent notice after a second click, so that phase can be drafted again for this controller. */
function DiscardButton({ notice: n, onDiscarded }: { notice: Notice; onDiscarded(): void }) {
  const [asking, setAsking] = useState(false);
  const discard = useRun();
  const label = n.status === "draft" ? "Discard draft" : "Discard unsent notice";
  if (!asking) return <button type="button" className="secondary" onClick={() => setAsking(true)}>{label}</button>;
  return (
    <span role="group" aria-label={label}>
      <span className="why-not">Discard {n.reference}? Its text is removed; a new {n.phase} notice can then be drafted. </span>
      <button type="button" className="discard-confirm" disabled={discard.busy}
        onClick={async () => { if (await discard.run(() => noticesApi.discard(n.id), `Notice ${n.reference} discarded.`)) onDiscarded(); }}>
        {discard.busy ? "Discarding…" : "Yes, discard"}
      </button>
      <button type="button" className="link-button" onClick={() => setAsking(false)}>Keep it</button>
      <ErrorMessage error={discard.error} title="Not discarded." />
    </span>
  );
}

function RecipientsEditor({ recipients, onChange, error }: { recipients: Recipient[]; onChange(r: Recipient[]): void; error?: string }) {
  const set = (i: number, patch: Partial<Recipient>) => onChange(recipients.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className={`recipients${error ? " has-error" : ""}`}>
      <legend>Recipients</legend>
      {recipients.map((r, i) => (
        <div className="recipient-row" role="group" aria-label={`Recipient ${i + 1}`} key={i}>
          <label>Name <input type="text" value={r.name} onChange={(e) => set(i, { name: e.target.value })} /></label>
          <label>E-mail <input type="email" value={r.email} onChange={(e) => set(i, { email: e.target.value })} /></label>
          <label>Role <input type="text" value={r.role} onChange={(e) => set(i, { role: e.target.value })} /></label>
          <button type="button" className="small secondary" aria-label={`Remove recipient ${i + 1}`} onClick={() => onChange(recipients.filter((_, j) => j !== i))}>Remove</button>
        </div>
      ))}
      <button type="button" className="small secondary" onClick={() => onChange([...recipients, { name: "", email: "", role: "DPO" }])}>Add recipient</button>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
