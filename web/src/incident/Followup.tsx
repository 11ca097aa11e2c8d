import { type FormEvent } from "react";
import { api, type CreateCommunicationInput } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, Section, UserSelect, fieldError } from "../components.js";
import { formatDate, formatDateTime, fromLocalInput, toDateInput, toLocalInput } from "../format.js";
import { useDraftForm, useIncident } from "./context.js";
import { RadioGroup, ReadOnlyNote, useStaff } from "./sections.js";

// --- Communication -----------------------------------------------------------------------

const DECISIONS = { sent: "We informed someone", none: "No one needs informing" } as const;

export function CommunicationSection() {
  const { incident } = useIncident();
  const editable = incident.can.recordCommunication;
  return (
    <Section id="communication" title="Communication">
      {incident.personalData === "yes" && (
        <p className="alert alert-info">
          Personal data is involved. Inform the controller (the customer responsible for the data) so that they can notify
          the supervisory authority and the people affected; if we are the controller, we notify them ourselves.
        </p>
      )}
      {incident.communications.length === 0 ? (
        <p className="muted">Nothing recorded yet: who was informed, through which channel and when — or the decision that no one needs informing.</p>
      ) : (
        <ul className="records">
          {incident.communications.map((c) => (
            <li key={c.id}>
              {c.decision === "none" ? (
                <><strong>No one needs informing.</strong> {c.reason}</>
              ) : (
                <>
                  <strong>Informed {c.audience}</strong> via {c.channel}, {formatDateTime(c.sentAt)}.
                  {c.summary && <span className="record-summary prewrap"> {c.summary}</span>}
                </>
              )}
              <span className="muted"> Recorded {formatDateTime(c.createdAt)}.</span>
            </li>
          ))}
        </ul>
      )}
      {editable ? <RecordCommunication /> : <ReadOnlyNote reason={incident.status === "closed" ? "The incident is closed." : "Your role cannot record communications."} />}
    </Section>
  );
}

function RecordCommunication() {
  const f = useDraftForm({
    decision: "sent" as keyof typeof DECISIONS,
    audience: "",
    channel: "",
    summary: "",
    sentAt: toLocalInput(new Date()),
    reason: "",
  });
  const d = f.draft;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: CreateCommunicationInput = d.decision === "none"
      ? { decision: "none", reason: d.reason.trim() }
      : { audience: d.audience.trim(), channel: d.channel.trim(), summary: d.summary.trim(), sentAt: fromLocalInput(d.sentAt) };
    void f.submit((i) => api.recordCommunication(i.id, body), d.decision === "none" ? "Decision recorded." : "Communication recorded.");
  };

  return (
    <form className="stack record-form" onSubmit={submit} noValidate aria-label="Record a communication">
      <h3>Record a communication</h3>
      <RadioGroup legend="What was decided?" name="comm-decision" options={DECISIONS} value={d.decision}
        onChange={(decision) => f.update({ decision })} />
      {d.decision === "sent" ? (
        <>
          <div className="row">
            <Field label="Who was informed" hint="e.g. all customers, Acme AB's contact" error={fieldError(f.error, "audience")}>
              {(p) => <input {...p} type="text" maxLength={500} value={d.audience} onChange={(e) => f.update({ audience: e.target.value })} />}
            </Field>
            <Field label="Channel" hint="e-mail, status page, phone…" error={fieldError(f.error, "channel")}>
              {(p) => (
                <>
                  <input {...p} type="text" list="channels" maxLength={200} value={d.channel} onChange={(e) => f.update({ channel: e.target.value })} />
                  <datalist id="channels">{["E-mail", "Status page", "Phone", "In-app message", "Letter"].map((c) => <option key={c} value={c} />)}</datalist>
                </>
              )}
            </Field>
            <Field label="When" error={fieldError(f.error, "sentAt")}>
              {(p) => <input {...p} type="datetime-local" value={d.sentAt} onChange={(e) => f.update({ sentAt: e.target.value })} />}
            </Field>
          </div>
          <Field label="What was said" error={fieldError(f.error, "summary")}>
            {(p) => <textarea {...p} rows={3} value={d.summary} onChange={(e) => f.update({ summary: e.target.value })} />}
          </Field>
        </>
      ) : (
        <Field label="Why no one needs informing" error={fieldError(f.error, "reason")}>
          {(p) => <textarea {...p} rows={3} value={d.reason} onChange={(e) => f.update({ reason: e.target.value })} />}
        </Field>
      )}
      <div aria-live="assertive"><ErrorMessage error={f.error} /></div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={f.busy}>
          {f.busy ? "Saving…" : d.decision === "none" ? "Record decision" : "Record communication"}
        </button>
      </div>
    </form>
  );
}

// --- Follow-up review --------------------------------------------------------------------

export function ReviewSection() {
  const { incident, users } = useIncident();
  const { user } = useAuth();
  const staff = useStaff(users);
  const review = incident.review;
  const in14Days = new Date(Date.now() + 14 * 86_400_000);
  const defaultOwner = review?.ownerId ?? incident.ownerId ?? (user && staff.some((u) => u.id === user.id) ? user.id : "");
  const f = useDraftForm({
    dueAt: toDateInput(review ? new Date(review.dueAt) : in14Days),
    ownerId: defaultOwner,
  });
  const editable = incident.can.scheduleReview;
  const ownerName = review ? (review.owner?.name ?? users.find((u) => u.id === review.ownerId)?.name ?? "Unknown") : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const dueAt = fromLocalInput(f.draft.dueAt);
    if (!dueAt || !f.draft.ownerId) {
      f.setError(new Error(!dueAt ? "Choose the date of the review." : "Choose who runs the review."));
      return;
    }
    void f.submit((i) => api.scheduleReview(i.id, { dueAt, ownerId: f.draft.ownerId }), "Follow-up review scheduled.");
  };

  return (
    <Section id="review" title="Follow-up review">
      <p className="section-lead">
        {review
          ? <>Review due <strong>{formatDate(review.dueAt)}</strong>, run by <strong>{ownerName}</strong>.</>
          : "After the incident: what can be done so it does not happen again? Schedule the review now."}
      </p>
      {editable ? (
        <form className="stack" onSubmit={submit} noValidate aria-label="Schedule the follow-up review">
          <div className="row">
            <Field label="Review date" error={fieldError(f.error, "dueAt")}>
              {(p) => <input {...p} type="date" value={f.draft.dueAt} onChange={(e) => f.update({ dueAt: e.target.value })} />}
            </Field>
            <Field label="Review owner" error={fieldError(f.error, "ownerId")}>
              {(p) => <UserSelect {...p} users={staff} value={f.draft.ownerId} onChange={(ownerId) => f.update({ ownerId })} />}
            </Field>
          </div>
          <div aria-live="assertive"><ErrorMessage error={f.error} /></div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={f.busy}>{f.busy ? "Saving…" : review ? "Reschedule review" : "Schedule review"}</button>
          </div>
        </form>
      ) : (
        <ReadOnlyNote reason="Your role cannot schedule reviews." />
      )}
    </Section>
  );
}
