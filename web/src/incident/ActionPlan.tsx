import { useTranslation } from "react-i18next";
import { useState, type FormEvent } from "react";
import { ApplyPlaybook } from "../playbooks/ApplyPlaybook.js";
import { api, type IncidentAction } from "../api.js";
import { ErrorMessage, Field, Section, UserSelect, fieldError } from "../components.js";
import { ACTION_STATUS_LABELS, formatDateTime, fromLocalInput, relativeTime, useNow } from "../format.js";
import { useDraftForm, useIncident } from "./context.js";
import { ReadOnlyNote, useStaff } from "./sections.js";

export function ActionPlanSection() {
  const { t } = useTranslation();
  const { incident } = useIncident();
  const editable = incident.can.manageActions;
  const done = incident.actions.filter((a) => a.status !== "open").length;
  return (
    <Section id="actions" title={t("incident:act.title")}
      aside={incident.actions.length > 0 ? <span className="muted">{t("incident:act.finished", { done, total: incident.actions.length })}</span> : undefined}>
      {incident.actions.length === 0 ? (
        <p className="muted">{t("incident:act.none")}</p>
      ) : (
        <ul className="actions-list">
          {incident.actions.map((a) => <ActionItem key={a.id} action={a} editable={editable} />)}
        </ul>
      )}
      {editable && <ApplyPlaybook />}
      {editable ? <AddAction /> : <ReadOnlyNote reason={incident.status === "closed" ? t("incident:act.closed") : t("incident:act.role")} />}
    </Section>
  );
}

function ActionItem({ action: a, editable }: { action: IncidentAction; editable: boolean }) {
  const { t } = useTranslation();
  const { mutate } = useIncident();
  const now = useNow(60_000);
  const [deferring, setDeferring] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const overdue = a.status === "open" && a.dueAt && new Date(a.dueAt).getTime() < now;
  const titleId = `action-${a.id}`;

  const change = async (status: IncidentAction["status"], withNote?: string) => {
    setBusy(true);
    setError(null);
    try {
      const changed = status === "done" ? t("incident:act.markedDone", { title: a.title })
        : status === "deferred" ? t("incident:act.markedDeferred", { title: a.title }) : t("incident:act.markedOpen", { title: a.title });
      await mutate((i) => api.updateAction(i.id, a.id, { status, ...(withNote ? { note: withNote } : {}) }), changed);
      setDeferring(false);
      setNote("");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submitDefer = (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) {
      setError(new Error(t("incident:act.deferReasonMissing")));
      return;
    }
    void change("deferred", note.trim());
  };

  return (
    <li className={`action action-${a.status}`} aria-labelledby={titleId}>
      <div className="action-main">
        <span className={`badge action-status-${a.status}`}>{ACTION_STATUS_LABELS[a.status]}</span>
        <div>
          <p className="action-title" id={titleId}>{a.title}</p>
          <p className="action-meta">
            {a.assignee ? <>{t("incident:act.assignedTo", { name: a.assignee.name })}</> : <span className="muted">{t("incident:act.unassigned")}</span>}
            {a.dueAt && (
              <> · <span className={overdue ? "overdue" : undefined}>
                {t("incident:act.due")} <time dateTime={a.dueAt} title={formatDateTime(a.dueAt)}>{relativeTime(a.dueAt, now)}</time>{overdue && ` ${t("incident:act.overdue")}`}
              </span></>
            )}
            {a.completedAt && a.status !== "open" && <> · {a.status === "done" ? t("incident:act.doneAt") : t("incident:act.deferredAt")} {formatDateTime(a.completedAt)}</>}
          </p>
          {a.note && <p className="action-note"><span className="muted">{a.status === "deferred" ? t("incident:act.reason") : t("incident:act.note")}{" "}</span>{a.note}</p>}
        </div>
      </div>
      {editable && !deferring && (
        <div className="action-buttons">
          {a.status === "open" ? (
            <>
              <button type="button" className="secondary small" disabled={busy} onClick={() => void change("done")}
                aria-label={t("incident:act.markDoneLabel", { title: a.title })}>{t("incident:act.markDone")}</button>
              <button type="button" className="secondary small" disabled={busy} onClick={() => { setDeferring(true); setError(null); }}
                aria-label={t("incident:act.deferLabel", { title: a.title })}>{t("incident:act.defer")}</button>
            </>
          ) : (
            <button type="button" className="link-button small" disabled={busy} onClick={() => void change("open")}
              aria-label={t("incident:act.reopenLabel", { title: a.title })}>{t("incident:act.reopen")}</button>
          )}
        </div>
      )}
      {deferring && (
        <form className="defer-form stack" onSubmit={submitDefer} noValidate>
          <Field label={t("incident:act.deferReason")} hint={t("incident:act.deferHint")}>
            {(p) => <textarea {...p} rows={2} autoFocus value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary small" disabled={busy}>{busy ? t("common:saving") : t("incident:act.deferSubmit")}</button>
            <button type="button" className="secondary small" onClick={() => { setDeferring(false); setError(null); }}>{t("common:cancel")}</button>
          </div>
        </form>
      )}
      <div aria-live="assertive"><ErrorMessage error={error} /></div>
    </li>
  );
}

function AddAction() {
  const { t } = useTranslation();
  const { users } = useIncident();
  const staff = useStaff(users);
  const f = useDraftForm({ title: "", assigneeId: "", dueAt: "" });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const d = f.draft;
    if (!d.title.trim()) {
      f.setError(new Error(t("incident:act.describe")));
      return;
    }
    void f.submit((i) => api.addAction(i.id, {
      title: d.title.trim(),
      assigneeId: d.assigneeId || undefined,
      dueAt: fromLocalInput(d.dueAt),
    }), t("incident:act.added")).then((ok) => {
      if (ok) document.getElementById("new-action-title")?.focus();
    });
  };

  return (
    <form className="add-action stack" onSubmit={submit} noValidate aria-label={t("incident:act.add")}>
      <h3>{t("incident:act.add")}</h3>
      <div className="field">
        <label htmlFor="new-action-title">{t("incident:act.what")}</label>
        <input id="new-action-title" type="text" maxLength={500} value={f.draft.title}
          aria-invalid={fieldError(f.error, "title") ? true : undefined}
          onChange={(e) => f.update({ title: e.target.value })} placeholder={t("incident:act.example")} />
        {fieldError(f.error, "title") && <p className="field-error">{fieldError(f.error, "title")}</p>}
      </div>
      <div className="row">
        <Field label={t("incident:act.assignee")} optional error={fieldError(f.error, "assigneeId")}>
          {(p) => <UserSelect {...p} users={staff} value={f.draft.assigneeId} onChange={(assigneeId) => f.update({ assigneeId })}
            placeholder={t("incident:act.unassigned")} />}
        </Field>
        <Field label={t("incident:act.due")} optional error={fieldError(f.error, "dueAt")}>
          {(p) => <input {...p} type="datetime-local" value={f.draft.dueAt} onChange={(e) => f.update({ dueAt: e.target.value })} />}
        </Field>
      </div>
      <div aria-live="assertive"><ErrorMessage error={f.error} /></div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={f.busy}>{f.busy ? t("incident:act.adding") : t("incident:act.addSubmit")}</button>
      </div>
    </form>
  );
}
