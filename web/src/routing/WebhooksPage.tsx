import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { CheckGroup, ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { WEBHOOK_EVENTS, type WebhookEventType } from "../../../shared/webhooks/events.js";
import { WEBHOOK_TARGETS } from "../../../shared/schemas/webhook.js";
import { webhooksApi, type Delivery, type Webhook, type WebhookSecret } from "./api.js";
import { AdminLinks } from "./RoutingRulesPage.js";
import "./routing.css";

type Target = (typeof WEBHOOK_TARGETS)[number];

/** Administrators: outbound webhooks and chat channels, each secret shown once, with their delivery logs. */
export function WebhooksPage() {
  const { t } = useTranslation();
  useTitle(t("routing:webhooks.title"));
  const { can } = useAuth();
  const allowed = can("webhook.manage");
  const announce = useAnnounce();
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [shown, setShown] = useState<WebhookSecret | null>(null);
  const [log, setLog] = useState<{ id: string; items: Delivery[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (allowed) webhooksApi.list().then((r) => setHooks(r.items), setError);
  }, [allowed, attempt]);

  if (!allowed)
    return <div className="page narrow"><h1>{t("routing:webhooks.title")}</h1><p className="alert alert-info">{t("routing:adminsOnly")}</p></div>;

  const act = async (fn: () => Promise<Webhook | WebhookSecret>, said: string) => {
    setError(null);
    try {
      const r = await fn();
      if ("secret" in r && r.secret) setShown(r);
      announce(said);
      setAttempt((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  };
  const showLog = async (id: string) => {
    setError(null);
    try {
      setLog({ id, items: (await webhooksApi.deliveries(id)).items });
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className="page">
      <div className="page-head"><h1>{t("routing:webhooks.title")}</h1><AdminLinks /></div>
      <p className="lead">{t("routing:webhooks.lead")}</p>
      <ErrorMessage error={error} />
      {shown && (
        <div className="alert alert-warn secret-once" role="note">
          <p><strong>{t("routing:webhooks.secretOnce", { host: new URL(shown.url).host })}</strong></p>
          <p><code aria-label={t("routing:secret")}>{shown.secret}</code></p>
          <button type="button" className="secondary" onClick={() => setShown(null)}>{t("routing:stored")}</button>
        </div>
      )}
      <NewWebhookForm onCreated={(w) => act(async () => w, t("routing:webhooks.added", { host: new URL(w.url).host }))} />
      <section className="card" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">{t("routing:webhooks.listTitle")}</h2>
        {!hooks ? <p className="muted loading">{t("routing:loading")}</p> : hooks.length === 0 ? <p className="muted">{t("routing:webhooks.none")}</p> : (
          <table className="table">
            <thead><tr>
              <th scope="col">{t("routing:webhooks.url")}</th><th scope="col">{t("routing:webhooks.events")}</th>
              <th scope="col">{t("routing:state")}</th><th scope="col"><span className="visually-hidden">{t("routing:actions")}</span></th>
            </tr></thead>
            <tbody>
              {hooks.map((w) => (
                <tr key={w.id}>
                  <th scope="row"><code>{w.url}</code><br />{t(`routing:target.${w.target}`)}{w.description && <> · {w.description}</>}</th>
                  <td>{w.events.map((e) => t(`routing:event.${e.replace(".", "_")}`)).join(", ")}</td>
                  <td>
                    {w.disabled ? t("routing:disabled") : t("routing:enabled")}
                    {w.disabledReason && <><br /><span className="field-error">{w.disabledReason}</span></>}
                    {w.consecutiveFailures > 0 && <><br />{t("routing:webhooks.failures", { count: w.consecutiveFailures })}</>}
                  </td>
                  <td className="alert-actions">
                    {w.target === "standard" && (
                      <button type="button" className="secondary" onClick={() => act(() => webhooksApi.rotate(w.id), t("routing:webhooks.rotated"))}>
                        {t("routing:rotate")}
                      </button>
                    )}
                    <button type="button" className="secondary"
                      onClick={() => act(() => webhooksApi.setDisabled(w.id, !w.disabled), w.disabled ? t("routing:enabled") : t("routing:disabled"))}>
                      {w.disabled ? t("routing:enable") : t("routing:disable")}
                    </button>
                    <button type="button" className="secondary" onClick={() => showLog(w.id)}>{t("routing:webhooks.showLog")}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {log && <DeliveryLog items={log.items} url={hooks?.find((h) => h.id === log.id)?.url ?? ""} />}
      </section>
    </div>
  );
}

function DeliveryLog({ items, url }: { items: Delivery[]; url: string }) {
  const { t } = useTranslation();
  return (
    <div className="delivery-log">
      <h3>{t("routing:webhooks.logTitle", { url })}</h3>
      {items.length === 0 ? <p className="muted">{t("routing:webhooks.noDeliveries")}</p> : (
        <table className="table" aria-label={t("routing:webhooks.logTitle", { url })}>
          <thead><tr>
            <th scope="col">{t("routing:webhooks.event")}</th><th scope="col">{t("routing:webhooks.incident")}</th>
            <th scope="col">{t("routing:webhooks.status")}</th><th scope="col">{t("routing:webhooks.attempts")}</th>
            <th scope="col">{t("routing:webhooks.lastError")}</th><th scope="col">{t("routing:webhooks.queuedAt")}</th>
          </tr></thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>{t(`routing:event.${d.event.replace(".", "_")}`)}</td><td>{d.incidentReference ?? "–"}</td><td>{d.status}</td>
                <td>{d.attempts}</td><td>{d.lastError ?? d.response ?? ""}</td><td>{formatDateTime(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function NewWebhookForm({ onCreated }: { onCreated: (w: WebhookSecret) => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState("");
  const [target, setTarget] = useState<Target>("standard");
  const [events, setEvents] = useState<WebhookEventType[]>(["incident.created"]);
  const [description, setDescription] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const eventLabels = Object.fromEntries(WEBHOOK_EVENTS.map((e) => [e, t(`routing:event.${e.replace(".", "_")}`)])) as Record<WebhookEventType, string>;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await webhooksApi.create({ url, target, events, description }));
      setUrl("");
      setDescription("");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-webhook-title">
      <h2 id="new-webhook-title">{t("routing:webhooks.newTitle")}</h2>
      <ErrorMessage error={error} />
      <Field label={t("routing:webhooks.url")} hint={t("routing:webhooks.urlHint")} error={fieldError(error, "url")}>
        {(p) => <input {...p} type="url" value={url} onChange={(e) => setUrl(e.target.value)} required maxLength={2000} />}
      </Field>
      <Field label={t("routing:webhooks.target")} error={fieldError(error, "target")}>
        {(p) => (
          <select {...p} value={target} onChange={(e) => setTarget(e.target.value as Target)}>
            {WEBHOOK_TARGETS.map((k) => <option key={k} value={k}>{t(`routing:target.${k}`)}</option>)}
          </select>
        )}
      </Field>
      <CheckGroup legend={t("routing:webhooks.events")} name="events" labels={eventLabels} values={events} onChange={setEvents} error={fieldError(error, "events")} />
      <Field label={t("routing:webhooks.description")} optional error={fieldError(error, "description")}>
        {(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={200} />}
      </Field>
      <div className="form-actions"><button type="submit" className="primary" disabled={busy}>{t("routing:webhooks.add")}</button></div>
    </form>
  );
}
