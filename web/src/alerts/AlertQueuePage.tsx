import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { api, type IncidentListItem } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { formatDateTime, relativeTime, useNow, useTitle } from "../format.js";
import { alertsApi, groupAlerts, type AlertView } from "./api.js";
import { RoutingSuggestion } from "../routing/Suggestion.js";
import "./alerts.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; alerts: AlertView[] };

/** New alerts from monitoring, grouped by source and what is alerting: promote, attach or dismiss each. */
export function AlertQueuePage() {
  const { t } = useTranslation();
  useTitle(t("alerts:queue.title"));
  const { can } = useAuth();
  const allowed = can("alert.read");
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [open, setOpen] = useState<IncidentListItem[]>([]);
  const now = useNow(60_000);

  useEffect(() => {
    if (!allowed) return;
    const ctl = new AbortController();
    alertsApi.queue("new", ctl.signal).then((r) => setLoad({ state: "ready", alerts: r.items }), (error: unknown) => {
      if ((error as Error).name !== "AbortError") setLoad({ state: "error", error });
    });
    if (can("alert.triage"))
      api.listIncidents({ limit: 100 }).then((r) => setOpen(r.items.filter((i) => i.status !== "closed")), () => setOpen([]));
    return () => ctl.abort();
  }, [allowed, attempt, can]);

  if (!allowed)
    return <div className="page narrow"><h1>{t("alerts:queue.title")}</h1><p className="alert alert-info">{t("alerts:queue.roleCannot")}</p></div>;
  const done = () => setAttempt((n) => n + 1);
  return (
    <div className="page">
      <div className="page-head"><h1>{t("alerts:queue.title")}</h1>
        {can("alertSource.manage") && <Link to="/alert-sources" className="button secondary">{t("alerts:sources.title")}</Link>}
      </div>
      <p className="lead">{t("alerts:queue.lead")}</p>
      {load.state === "loading" && <p className="muted loading" role="status">{t("alerts:queue.loading")}</p>}
      {load.state === "error" && <><ErrorMessage error={load.error} title={t("alerts:queue.loadFailed")} /><button type="button" onClick={done}>{t("alerts:retry")}</button></>}
      {load.state === "ready" && load.alerts.length === 0 && <p>{t("alerts:queue.none")}</p>}
      {load.state === "ready" && groupAlerts(load.alerts).map(({ group, alerts }) => (
        <section key={group} className="card alert-group" aria-label={group}>
          <h2>{group} <span className="muted">({alerts.length})</span></h2>
          <ul className="alert-list">
            {alerts.map((a) => (
              <AlertItem key={a.id} alert={a} now={now} incidents={open} mayTriage={can("alert.triage")} onDone={done} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

type Mode = null | "promote" | "attach" | "dismiss";

function AlertItem({ alert, now, incidents, mayTriage, onDone }: {
  alert: AlertView; now: number; incidents: IncidentListItem[]; mayTriage: boolean; onDone: () => void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>(null);
  const labels = Object.entries(alert.labels);
  return (
    <li className="alert-item" aria-labelledby={`alert-${alert.id}`}>
      <div className="alert-row">
        <div>
          <p className="alert-title" id={`alert-${alert.id}`}>
            {alert.title}
            {alert.severity && <span className="badge"> {alert.severity}</span>}
            {alert.status === "resolved" && <span className="badge alert-resolved"> {t("alerts:queue.resolved")}</span>}
          </p>
          <p className="action-meta">
            {alert.count > 1 ? t("alerts:queue.seenTimes", { count: alert.count }) : t("alerts:queue.seen")}{" "}
            <time dateTime={alert.lastSeenAt} title={formatDateTime(alert.lastSeenAt)}>{relativeTime(alert.lastSeenAt, now)}</time>
            {alert.url && <> · <a href={alert.url} rel="noreferrer noopener" target="_blank">{t("alerts:queue.openSource")}</a></>}
          </p>
          <RoutingSuggestion routing={alert.routing} />
          {labels.length > 0 && <p className="alert-labels">{labels.map(([k, v]) => <code key={k}>{k}={v}</code>)}</p>}
          {alert.description && <p className="action-note">{alert.description}</p>}
        </div>
        {mayTriage && mode === null && (
          <div className="alert-actions">
            <button type="button" className="primary" onClick={() => setMode("promote")}>{t("alerts:queue.promote")}</button>
            <button type="button" className="secondary" onClick={() => setMode("attach")}>{t("alerts:queue.attach")}</button>
            <button type="button" className="secondary" onClick={() => setMode("dismiss")}>{t("alerts:queue.dismiss")}</button>
          </div>
        )}
      </div>
      {mode && <TriageForm alert={alert} mode={mode} incidents={incidents} onCancel={() => setMode(null)} onDone={onDone} />}
    </li>
  );
}

function TriageForm({ alert, mode, incidents, onCancel, onDone }: {
  alert: AlertView; mode: Exclude<Mode, null>; incidents: IncidentListItem[]; onCancel: () => void; onDone: () => void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [title, setTitle] = useState(alert.title);
  const [incidentId, setIncidentId] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = mode === "promote" ? await alertsApi.promote(alert.id, { title })
        : mode === "attach" ? await alertsApi.attach(alert.id, { incidentId })
        : await alertsApi.dismiss(alert.id, { reason });
      announce(mode === "dismiss" ? t("alerts:triage.dismissed", { title: alert.title }) : t("alerts:triage.linked", { title: alert.title, reference: r.incident?.reference ?? "" }));
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const labelOf = t(`alerts:triage.mode.${mode}`);
  return (
    <form className="alert-triage" onSubmit={submit} aria-label={`${labelOf}: ${alert.title}`}>
      <ErrorMessage error={error} />
      {mode === "promote" && (
        <Field label={t("alerts:triage.title")} hint={t("alerts:triage.titleHint")} error={fieldError(error, "title")}>
          {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} required minLength={3} maxLength={200} />}
        </Field>
      )}
      {mode === "attach" && (
        <Field label={t("alerts:triage.incident")} error={fieldError(error, "incidentId")}>
          {(p) => (
            <select {...p} value={incidentId} onChange={(e) => setIncidentId(e.target.value)} required>
              <option value="">{t("alerts:triage.chooseIncident")}</option>
              {incidents.map((i) => <option key={i.id} value={i.id}>{i.reference} — {i.title}</option>)}
            </select>
          )}
        </Field>
      )}
      {mode === "dismiss" && (
        <Field label={t("alerts:triage.reason")} hint={t("alerts:triage.reasonHint")} error={fieldError(error, "reason")}>
          {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={1000} />}
        </Field>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{labelOf}</button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>{t("alerts:cancel")}</button>
      </div>
    </form>
  );
}
