import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { ALERT_SOURCE_KINDS } from "../../../shared/schemas/alert.js";
import { alertsApi, type AlertSourceView, type AlertSourceWithSecret } from "./api.js";
import { AdminLinks } from "../routing/RoutingRulesPage.js";
import "./alerts.css";


/** Administrators: the systems allowed to post alerts, each with its own secret (shown once), rotated or disabled here. */
export function AlertSourcesPage() {
  const { t } = useTranslation();
  useTitle(t("alerts:sources.title"));
  const { can } = useAuth();
  const allowed = can("alertSource.manage");
  const announce = useAnnounce();
  const [sources, setSources] = useState<AlertSourceView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<AlertSourceWithSecret | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (allowed) alertsApi.sources().then((r) => setSources(r.items), setError);
  }, [allowed, attempt]);

  if (!allowed)
    return <div className="page narrow"><h1>{t("alerts:sources.title")}</h1><p className="alert alert-info">{t("alerts:sources.adminsOnly")}</p></div>;

  const act = async (fn: () => Promise<AlertSourceView | AlertSourceWithSecret>, said: string) => {
    setError(null);
    try {
      const r = await fn();
      if ("secret" in r) setShown(r);
      announce(said);
      setAttempt((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="page">
      <div className="page-head"><h1>{t("alerts:sources.title")}</h1><AdminLinks /></div>
      <p className="lead">{t("alerts:sources.lead")}</p>
      <ErrorMessage error={error} />
      {shown && (
        <div className="alert alert-warn secret-once" role="note">
          <p><strong>{t("alerts:sources.secretOnce", { name: shown.name })}</strong> {t("alerts:sources.secretStore")}</p>
          <p><code aria-label={t("alerts:sources.secret")}>{shown.secret}</code></p>
          <p>{t("alerts:sources.endpoint")} <code>{location.origin}{shown.endpoint}</code></p>
          <button type="button" className="secondary" onClick={() => setShown(null)}>{t("alerts:sources.stored")}</button>
        </div>
      )}
      <NewSourceForm onCreated={(s) => act(async () => s, t("alerts:sources.added", { name: s.name }))} />
      <section className="card" aria-labelledby="sources-title">
        <h2 id="sources-title">{t("alerts:sources.sources")}</h2>
        {!sources ? <p className="muted loading">{t("alerts:sources.loading")}</p> : sources.length === 0 ? <p className="muted">{t("alerts:sources.none")}</p> : (
          <table className="table">
            <caption className="visually-hidden">{t("alerts:sources.title")}</caption>
            <thead><tr>
              <th scope="col">{t("alerts:sources.name")}</th><th scope="col">{t("alerts:sources.kind")}</th><th scope="col">{t("alerts:sources.lastAlert")}</th>
              <th scope="col">{t("alerts:sources.state")}</th><th scope="col"><span className="visually-hidden">{t("alerts:sources.actions")}</span></th>
            </tr></thead>
            <tbody>
              {sources.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td>{t(`alerts:sources.kinds.${s.kind}`)}<br /><code>{s.endpoint}</code></td>
                  <td>{s.lastAlertAt ? formatDateTime(s.lastAlertAt) : t("alerts:sources.never")}</td>
                  <td>{s.disabled ? t("alerts:sources.disabled") : t("alerts:sources.enabled")}</td>
                  <td className="alert-actions">
                    {s.kind !== "probe" && <button type="button" className="secondary" onClick={() => act(() => alertsApi.rotate(s.id), t("alerts:sources.rotated", { name: s.name }))}>{t("alerts:sources.rotate")}</button>}
                    <button type="button" className="secondary" onClick={() => act(() => alertsApi.setDisabled(s.id, !s.disabled), t(s.disabled ? "alerts:sources.enabledDone" : "alerts:sources.disabledDone", { name: s.name }))}>
                      {s.disabled ? t("alerts:sources.enable") : t("alerts:sources.disable")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function NewSourceForm({ onCreated }: { onCreated: (s: AlertSourceWithSecret) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<(typeof ALERT_SOURCE_KINDS)[number]>("alertmanager");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await alertsApi.createSource({ name, kind }));
      setName("");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-source-title">
      <h2 id="new-source-title">{t("alerts:sources.add")}</h2>
      <ErrorMessage error={error} />
      <Field label={t("alerts:sources.name")} hint={t("alerts:sources.nameHint")} error={fieldError(error, "name")}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />}
      </Field>
      <Field label={t("alerts:sources.kind")} error={fieldError(error, "kind")}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as (typeof ALERT_SOURCE_KINDS)[number])}>
            {ALERT_SOURCE_KINDS.map((k) => <option key={k} value={k}>{t(`alerts:sources.kinds.${k}`)}</option>)}
          </select>
        )}
      </Field>
      <div className="form-actions"><button type="submit" className="primary" disabled={busy}>{t("alerts:sources.addButton")}</button></div>
    </form>
  );
}
