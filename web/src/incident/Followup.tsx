import { type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, type CreateCommunicationInput } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, Section, UserSelect, fieldError } from "../components.js";
import { formatDate, formatDateTime, fromLocalInput, toDateInput, toLocalInput } from "../format.js";
import { useDraftForm, useIncident } from "./context.js";
import { RadioGroup, ReadOnlyNote, useStaff } from "./sections.js";

// --- Communication -----------------------------------------------------------------------

type Decision = "sent" | "none";

export function CommunicationSection() {
  const { incident } = useIncident();
  const { t } = useTranslation();
  const editable = incident.can.recordCommunication;
  return (
    <Section id="communication" title={t("incident:comm.title")}>
      {incident.personalData === "yes" && (
        <p className="alert alert-info">{t("incident:comm.personalData")}</p>
      )}
      {incident.communications.length === 0 ? (
        <p className="muted">{t("incident:comm.nothing")}</p>
      ) : (
        <ul className="records">
          {incident.communications.map((c) => (
            <li key={c.id}>
              {c.decision === "none" ? (
                <><strong>{t("incident:comm.noOne")}</strong> {c.reason}</>
              ) : (
                <>
                  <strong>{t("incident:comm.informed", { audience: c.audience })}</strong>{" "}
                  {t("incident:comm.via", { channel: c.channel, at: formatDateTime(c.sentAt) })}
                  {c.summary && <span className="record-summary prewrap"> {c.summary}</span>}
                </>
              )}
              <span className="muted"> {t("incident:comm.recorded", { at: formatDateTime(c.createdAt) })}</span>
            </li>
          ))}
        </ul>
      )}
      {editable ? <RecordCommunication /> : <ReadOnlyNote reason={incident.status === "closed" ? t("incident:comm.closed") : t("incident:comm.roleCannot")} />}
    </Section>
  );
}

function RecordCommunication() {
  const { t } = useTranslation();
  const decisions: Record<Decision, string> = { sent: t("incident:comm.decision.sent"), none: t("incident:comm.decision.none") };
  const f = useDraftForm({
    decision: "sent" as Decision,
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
    void f.submit((i) => api.recordCommunication(i.id, body), d.decision === "none" ? t("incident:comm.decisionRecorded") : t("incident:comm.commRecorded"));
  };

  return (
    <form className="stack record-form" onSubmit={submit} noValidate aria-label={t("incident:comm.record")}>
      <h3>{t("incident:comm.record")}</h3>
      <RadioGroup legend={t("incident:comm.whatDecided")} name="comm-decision" options={decisions} value={d.decision}
        onChange={(decision) => f.update({ decision })} />
      {d.decision === "sent" ? (
        <>
          <div className="row">
            <Field label={t("incident:comm.who")} hint={t("incident:comm.whoHint")} error={fieldError(f.error, "audience")}>
              {(p) => <input {...p} type="text" maxLength={500} value={d.audience} onChange={(e) => f.update({ audience: e.target.value })} />}
            </Field>
            <Field label={t("incident:comm.channel")} hint={t("incident:comm.channelHint")} error={fieldError(f.error, "channel")}>
              {(p) => (
                <>
                  <input {...p} type="text" list="channels" maxLength={200} value={d.channel} onChange={(e) => f.update({ channel: e.target.value })} />
                  <datalist id="channels">{(["email", "statusPage", "phone", "inApp", "letter"] as const).map((c) => <option key={c} value={t(`incident:comm.channels.${c}`)} />)}</datalist>
                </>
              )}
            </Field>
            <Field label={t("incident:comm.when")} error={fieldError(f.error, "sentAt")}>
              {(p) => <input {...p} type="datetime-local" value={d.sentAt} onChange={(e) => f.update({ sentAt: e.target.value })} />}
            </Field>
          </div>
          <Field label={t("incident:comm.whatSaid")} error={fieldError(f.error, "summary")}>
            {(p) => <textarea {...p} rows={3} value={d.summary} onChange={(e) => f.update({ summary: e.target.value })} />}
          </Field>
        </>
      ) : (
        <Field label={t("incident:comm.whyNoOne")} error={fieldError(f.error, "reason")}>
          {(p) => <textarea {...p} rows={3} value={d.reason} onChange={(e) => f.update({ reason: e.target.value })} />}
        </Field>
      )}
      <div aria-live="assertive"><ErrorMessage error={f.error} /></div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={f.busy}>
          {f.busy ? t("incident:comm.saving") : d.decision === "none" ? t("incident:comm.recordDecision") : t("incident:comm.recordCommunication")}
        </button>
      </div>
    </form>
  );
}

// --- Follow-up review --------------------------------------------------------------------

export function ReviewSection() {
  const { incident, users } = useIncident();
  const { user } = useAuth();
  const { t } = useTranslation();
  const staff = useStaff(users);
  const review = incident.review;
  const in14Days = new Date(Date.now() + 14 * 86_400_000);
  const defaultOwner = review?.ownerId ?? incident.ownerId ?? (user && staff.some((u) => u.id === user.id) ? user.id : "");
  const f = useDraftForm({
    dueAt: toDateInput(review ? new Date(review.dueAt) : in14Days),
    ownerId: defaultOwner,
  });
  const editable = incident.can.scheduleReview;
  const ownerName = review ? (review.owner?.name ?? users.find((u) => u.id === review.ownerId)?.name ?? t("incident:rev.unknown")) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const dueAt = fromLocalInput(f.draft.dueAt);
    if (!dueAt || !f.draft.ownerId) {
      f.setError(new Error(!dueAt ? t("incident:rev.chooseDate") : t("incident:rev.chooseOwner")));
      return;
    }
    void f.submit((i) => api.scheduleReview(i.id, { dueAt, ownerId: f.draft.ownerId }), t("incident:rev.scheduled"));
  };

  return (
    <Section id="review" title={t("incident:rev.title")}>
      <p className="section-lead">
        {review
          ? <>{t("incident:rev.due")} <strong>{formatDate(review.dueAt)}</strong>, {t("incident:rev.runBy")} <strong>{ownerName}</strong>.</>
          : t("incident:rev.schedulePrompt")}
      </p>
      {editable ? (
        <form className="stack" onSubmit={submit} noValidate aria-label={t("incident:rev.scheduleLabel")}>
          <div className="row">
            <Field label={t("incident:rev.date")} error={fieldError(f.error, "dueAt")}>
              {(p) => <input {...p} type="date" value={f.draft.dueAt} onChange={(e) => f.update({ dueAt: e.target.value })} />}
            </Field>
            <Field label={t("incident:rev.owner")} error={fieldError(f.error, "ownerId")}>
              {(p) => <UserSelect {...p} users={staff} value={f.draft.ownerId} onChange={(ownerId) => f.update({ ownerId })} />}
            </Field>
          </div>
          <div aria-live="assertive"><ErrorMessage error={f.error} /></div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={f.busy}>{f.busy ? t("incident:comm.saving") : review ? t("incident:rev.reschedule") : t("incident:rev.schedule")}</button>
          </div>
        </form>
      ) : (
        <ReadOnlyNote reason={t("incident:rev.roleCannot")} />
      )}
    </Section>
  );
}
