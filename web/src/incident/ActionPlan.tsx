import { useState, type FormEvent } from "react";
import { ApplyPlaybook } from "../playbooks/ApplyPlaybook.js";
import { api, type IncidentAction } from "../api.js";
import { ErrorMessage, Field, Section, UserSelect, fieldError } from "../components.js";
import { ACTION_STATUS_LABELS, formatDateTime, fromLocalInput, relativeTime, useNow } from "../format.js";
import { useDraftForm, useIncident } from "./context.js";
import { ReadOnlyNote, useStaff } from "./sections.js";

export function ActionPlanSection() {
  const { incident } = useIncident();
  const editable = incident.can.manageActions;
  const done = incident.actions.filter((a) => a.status !== "open").length;
  return (
    <Section id="actions" title="Action plan"
      aside={incident.actions.length > 0 ? <span className="muted">{done} of {incident.actions.length} finished</span> : undefined}>
      {incident.actions.length === 0 ? (
        <p className="muted">No actions yet. Add what must be done to stop, solve or limit the incident.</p>
      ) : (
        <ul className="actions-list">
          {incident.actions.map((a) => <ActionItem key={a.id} action={a} editable={editable} />)}
        </ul>
      )}
      {editable && <ApplyPlaybook />}
      {editable ? <AddAction /> : <ReadOnlyNote reason={incident.status === "closed" ? "The incident is closed; reopen it to change the plan." : "Your role cannot change the action plan."} />}
    </Section>
  );
}

function ActionItem({ action: a, editable }: { action: IncidentAction; editable: boolean }) {
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
      const verb = status === "done" ? "done" : status === "deferred" ? "deferred" : "reopened";
      await mutate((i) => api.updateAction(i.id, a.id, { status, ...(withNote ? { note: withNote } : {}) }), `Action "${a.title}" ${verb}.`);
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
      setError(new Error("Give the reason for deferring this action."));
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
            {a.assignee ? <>Assigned to {a.assignee.name}</> : <span className="muted">Unassigned</span>}
            {a.dueAt && (
              <> · <span className={overdue ? "overdue" : undefined}>
                Due <time dateTime={a.dueAt} title={formatDateTime(a.dueAt)}>{relativeTime(a.dueAt, now)}</time>{overdue && " (overdue)"}
              </span></>
            )}
            {a.completedAt && a.status !== "open" && <> · {a.status === "done" ? "Done" : "Deferred"} {formatDateTime(a.completedAt)}</>}
          </p>
          {a.note && <p className="action-note"><span className="muted">{a.status === "deferred" ? "Reason: " : "Note: "}</span>{a.note}</p>}
        </div>
      </div>
      {editable && !deferring && (
        <div className="action-buttons">
          {a.status === "open" ? (
            <>
              <button type="button" className="secondary small" disabled={busy} onClick={() => void change("done")}
                aria-label={`Mark "${a.title}" done`}>Mark done</button>
              <button type="button" className="secondary small" disabled={busy} onClick={() => { setDeferring(true); setError(null); }}
                aria-label={`Defer "${a.title}"`}>Defer…</button>
            </>
          ) : (
            <button type="button" className="link-button small" disabled={busy} onClick={() => void change("open")}
              aria-label={`Reopen "${a.title}"`}>Reopen</button>
          )}
        </div>
      )}
      {deferring && (
        <form className="defer-form stack" onSubmit={submitDefer} noValidate>
          <Field label="Reason for deferring" hint="Why it is not done now, and when or whether it will be.">
            {(p) => <textarea {...p} rows={2} autoFocus value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary small" disabled={busy}>{busy ? "Saving…" : "Defer action"}</button>
            <button type="button" className="secondary small" onClick={() => { setDeferring(false); setError(null); }}>Cancel</button>
          </div>
        </form>
      )}
      <div aria-live="assertive"><ErrorMessage error={error} /></div>
    </li>
  );
}

function AddAction() {
  const { users } = useIncident();
  const staff = useStaff(users);
  const f = useDraftForm({ title: "", assigneeId: "", dueAt: "" });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const d = f.draft;
    if (!d.title.trim()) {
      f.setError(new Error("Describe the action."));
      return;
    }
    void f.submit((i) => api.addAction(i.id, {
      title: d.title.trim(),
      assigneeId: d.assigneeId || undefined,
      dueAt: fromLocalInput(d.dueAt),
    }), "Action added.").then((ok) => {
      if (ok) document.getElementById("new-action-title")?.focus();
    });
  };

  return (
    <form className="add-action stack" onSubmit={submit} noValidate aria-label="Add an action">
      <h3>Add an action</h3>
      <div className="field">
        <label htmlFor="new-action-title">What needs doing</label>
        <input id="new-action-title" type="text" maxLength={500} value={f.draft.title}
          aria-invalid={fieldError(f.error, "title") ? true : undefined}
          onChange={(e) => f.update({ title: e.target.value })} placeholder="e.g. Rotate the leaked API key" />
        {fieldError(f.error, "title") && <p className="field-error">{fieldError(f.error, "title")}</p>}
      </div>
      <div className="row">
        <Field label="Assignee" optional error={fieldError(f.error, "assigneeId")}>
          {(p) => <UserSelect {...p} users={staff} value={f.draft.assigneeId} onChange={(assigneeId) => f.update({ assigneeId })}
            placeholder="Unassigned" />}
        </Field>
        <Field label="Due" optional error={fieldError(f.error, "dueAt")}>
          {(p) => <input {...p} type="datetime-local" value={f.draft.dueAt} onChange={(e) => f.update({ dueAt: e.target.value })} />}
        </Field>
      </div>
      <div aria-live="assertive"><ErrorMessage error={f.error} /></div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={f.busy}>{f.busy ? "Adding…" : "Add action"}</button>
      </div>
    </form>
  );
}
