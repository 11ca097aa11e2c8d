import { useEffect, useState, type FormEvent } from "react";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { ALERT_SOURCE_KINDS } from "../../../shared/schemas/alert.js";
import { alertsApi, type AlertSourceView, type AlertSourceWithSecret } from "./api.js";
import { AdminLinks } from "../routing/RoutingRulesPage.js";
import "./alerts.css";

type Kind = AlertSourceView["kind"];
const KIND_LABELS: Record<Kind, string> = {
  alertmanager: "Alertmanager or Grafana (bearer secret)",
  webhook: "Generic webhook (Standard Webhooks signature)",
  cloudevents: "CloudEvents (bearer secret)",
  probe: "Vakt's built-in probes",
};

/** Administrators: the systems allowed to post alerts, each with its own secret (shown once), rotated or disabled here. */
export function AlertSourcesPage() {
  useTitle("Alert sources");
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
    return <div className="page narrow"><h1>Alert sources</h1><p className="alert alert-info">Only administrators manage alert sources.</p></div>;

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
      <div className="page-head"><h1>Alert sources</h1><AdminLinks /></div>
      <p className="lead">Monitoring systems that may post alerts to Vakt. Each has its own secret, shown once when it is made or rotated. Settings for Alertmanager, Grafana and Sentry: docs/alerts.md.</p>
      <ErrorMessage error={error} />
      {shown && (
        <div className="alert alert-warn secret-once" role="note">
          <p><strong>Secret for “{shown.name}”, shown this once.</strong> Put it in the source's settings now; Vakt keeps no readable copy to show again.</p>
          <p><code aria-label="Secret">{shown.secret}</code></p>
          <p>Endpoint: <code>{location.origin}{shown.endpoint}</code></p>
          <button type="button" className="secondary" onClick={() => setShown(null)}>I have stored it</button>
        </div>
      )}
      <NewSourceForm onCreated={(s) => act(async () => s, `Alert source ${s.name} added.`)} />
      <section className="card" aria-labelledby="sources-title">
        <h2 id="sources-title">Sources</h2>
        {!sources ? <p className="muted loading">Loading…</p> : sources.length === 0 ? <p className="muted">No alert sources yet.</p> : (
          <table className="table">
            <caption className="visually-hidden">Alert sources</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Last alert</th><th scope="col">State</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {sources.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td>{KIND_LABELS[s.kind]}<br /><code>{s.endpoint}</code></td>
                  <td>{s.lastAlertAt ? formatDateTime(s.lastAlertAt) : "never"}</td>
                  <td>{s.disabled ? "Disabled" : "Enabled"}</td>
                  <td className="alert-actions">
                    {s.kind !== "probe" && <button type="button" className="secondary" onClick={() => act(() => alertsApi.rotate(s.id), `New secret for ${s.name}.`)}>Rotate secret</button>}
                    <button type="button" className="secondary" onClick={() => act(() => alertsApi.setDisabled(s.id, !s.disabled), `${s.name} ${s.disabled ? "enabled" : "disabled"}.`)}>
                      {s.disabled ? "Enable" : "Disable"}
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
      <h2 id="new-source-title">Add a source</h2>
      <ErrorMessage error={error} />
      <Field label="Name" hint="E.g. Prometheus production" error={fieldError(error, "name")}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />}
      </Field>
      <Field label="Kind" error={fieldError(error, "kind")}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as (typeof ALERT_SOURCE_KINDS)[number])}>
            {ALERT_SOURCE_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
          </select>
        )}
      </Field>
      <div className="form-actions"><button type="submit" className="primary" disabled={busy}>Add source</button></div>
    </form>
  );
}
