import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { probesApi, type Probe } from "./api.js";
import { AdminLinks } from "./RoutingRulesPage.js";
import "./routing.css";

/** Administrators: Vakt's own HTTP and TLS-expiry checks, feeding the alert queue. */
export function ProbesPage() {
  const { t } = useTranslation();
  useTitle(t("routing:probes.title"));
  const { can } = useAuth();
  const allowed = can("alertSource.manage");
  const announce = useAnnounce();
  const [probes, setProbes] = useState<Probe[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (allowed) probesApi.list().then((r) => setProbes(r.items), setError);
  }, [allowed, attempt]);

  if (!allowed)
    return <div className="page narrow"><h1>{t("routing:probes.title")}</h1><p className="alert alert-info">{t("routing:adminsOnly")}</p></div>;

  const toggle = async (p: Probe) => {
    setError(null);
    try {
      await probesApi.setDisabled(p.id, !p.disabled);
      announce(p.disabled ? t("routing:enabled") : t("routing:disabled"));
      setAttempt((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  const lastResult = (p: Probe) => {
    if (!p.lastRunAt) return t("routing:probes.notYet");
    const verdict = p.lastOk ? t("routing:probes.ok") : t("routing:probes.failing");
    return `${verdict} (${formatDateTime(p.lastRunAt)})${p.lastResult ? `: ${p.lastResult}` : ""}`;
  };

  return (
    <div className="page">
      <div className="page-head"><h1>{t("routing:probes.title")}</h1><AdminLinks /></div>
      <p className="lead">{t("routing:probes.lead")}</p>
      <ErrorMessage error={error} />
      <NewProbeForm onCreated={(p) => { announce(t("routing:probes.added", { name: p.name })); setAttempt((n) => n + 1); }} />
      <section className="card" aria-labelledby="probes-title">
        <h2 id="probes-title">{t("routing:probes.listTitle")}</h2>
        {!probes ? <p className="muted loading">{t("routing:loading")}</p> : probes.length === 0 ? <p className="muted">{t("routing:probes.none")}</p> : (
          <table className="table">
            <thead><tr>
              <th scope="col">{t("routing:probes.name")}</th><th scope="col">{t("routing:probes.check")}</th>
              <th scope="col">{t("routing:probes.lastResult")}</th><th scope="col">{t("routing:state")}</th>
              <th scope="col"><span className="visually-hidden">{t("routing:actions")}</span></th>
            </tr></thead>
            <tbody>
              {probes.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>
                    {p.kind === "http"
                      ? t("routing:probes.httpCheck", { url: p.url, status: p.expectedStatus, seconds: p.intervalSeconds })
                      : t("routing:probes.tlsCheck", { url: p.url, days: p.tlsWarnDays, seconds: p.intervalSeconds })}
                  </td>
                  <td>{lastResult(p)}</td>
                  <td>{p.disabled ? t("routing:disabled") : t("routing:enabled")}</td>
                  <td><button type="button" className="secondary" onClick={() => toggle(p)}>{p.disabled ? t("routing:enable") : t("routing:disable")}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function NewProbeForm({ onCreated }: { onCreated: (p: Probe) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ name: "", kind: "http" as Probe["kind"], url: "", expectedStatus: "200", intervalSeconds: "60", tlsWarnDays: "14" });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await probesApi.create({
        name: form.name, kind: form.kind, url: form.url, intervalSeconds: Number(form.intervalSeconds),
        ...(form.kind === "http" ? { expectedStatus: Number(form.expectedStatus) } : { tlsWarnDays: Number(form.tlsWarnDays) }),
      }));
      set({ name: "", url: "" });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-probe-title">
      <h2 id="new-probe-title">{t("routing:probes.newTitle")}</h2>
      <ErrorMessage error={error} />
      <Field label={t("routing:probes.name")} error={fieldError(error, "name")}>
        {(p) => <input {...p} value={form.name} onChange={(e) => set({ name: e.target.value })} required maxLength={100} />}
      </Field>
      <Field label={t("routing:probes.kind")} error={fieldError(error, "kind")}>
        {(p) => (
          <select {...p} value={form.kind} onChange={(e) => set({ kind: e.target.value as Probe["kind"] })}>
            <option value="http">{t("routing:probes.kindHttp")}</option>
            <option value="tls">{t("routing:probes.kindTls")}</option>
          </select>
        )}
      </Field>
      <Field label={t("routing:probes.url")} error={fieldError(error, "url")}>
        {(p) => <input {...p} type="url" value={form.url} onChange={(e) => set({ url: e.target.value })} required maxLength={2000} />}
      </Field>
      {form.kind === "http" ? (
        <Field label={t("routing:probes.expectedStatus")} error={fieldError(error, "expectedStatus")}>
          {(p) => <input {...p} type="number" min={100} max={599} value={form.expectedStatus} onChange={(e) => set({ expectedStatus: e.target.value })} />}
        </Field>
      ) : (
        <Field label={t("routing:probes.warnDays")} error={fieldError(error, "tlsWarnDays")}>
          {(p) => <input {...p} type="number" min={1} max={365} value={form.tlsWarnDays} onChange={(e) => set({ tlsWarnDays: e.target.value })} />}
        </Field>
      )}
      <Field label={t("routing:probes.interval")} error={fieldError(error, "intervalSeconds")}>
        {(p) => <input {...p} type="number" min={10} max={86400} value={form.intervalSeconds} onChange={(e) => set({ intervalSeconds: e.target.value })} />}
      </Field>
      <div className="form-actions"><button type="submit" className="primary" disabled={busy}>{t("routing:probes.add")}</button></div>
    </form>
  );
}
