import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { PublicStatusIncident, PublicStatusPage } from "../../../shared/schemas/status.js";
import { LANGUAGES, type Language } from "../../../shared/i18n/index.js";
import { ApiError } from "../api.js";
import { Field, fieldError } from "../components.js";
import { formatDateTime } from "../format.js";
import { statusApi } from "./api.js";
import { usePublicLanguage } from "./language.js";
import "./status.css";

/** The vendor's public status page (no sign-in): services, current incidents with their updates, the last 90 days. */
export function StatusPage() {
  const { t } = useTranslation();
  const lang = usePublicLanguage();
  const [page, setPage] = useState<PublicStatusPage | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    statusApi.page(lang).then(setPage, () => setFailed(true));
  }, [lang]);
  return (
    <main className="page status-page" lang={lang}>
      <nav className="status-languages" aria-label={t("status:page.languages")}>
        {LANGUAGES.map((l) => <a key={l} href={`/status?lang=${l}`} aria-current={l === lang ? "true" : undefined} lang={l}>{t(`status:languageNames.${l}`)}</a>)}
      </nav>
      <h1>{page ? t("status:page.title", { vendor: page.vendor }) : t("status:page.loading")}</h1>
      {failed && <p className="alert alert-error" role="alert">{t("status:page.failed")}</p>}
      {page && (
        <>
          <p className={`status-summary ${page.current.length ? "status-affected" : "status-ok"}`} role="status">
            {page.current.length ? t("status:page.someAffected") : t("status:page.allOperational")}
          </p>
          <section aria-labelledby="status-services">
            <h2 id="status-services">{t("status:page.services")}</h2>
            <ul className="status-services">
              {page.services.map((s) => (
                <li key={s.id}><span>{s.name}</span> <strong className={`status-${s.state}`}>{t(`status:serviceStates.${s.state}`)}</strong></li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="status-current">
            <h2 id="status-current">{t("status:page.current")}</h2>
            {page.current.length === 0 ? <p className="muted">{t("status:page.noCurrent")}</p> : page.current.map((i) => <IncidentCard key={i.id} incident={i} />)}
          </section>
          <section aria-labelledby="status-history">
            <h2 id="status-history">{t("status:page.history", { days: page.historyDays })}</h2>
            {page.history.length === 0 ? <p className="muted">{t("status:page.noHistory")}</p> : page.history.map((i) => <IncidentCard key={i.id} incident={i} />)}
          </section>
          <SubscribeForm lang={lang} services={page.services} />
          <p><a href={`/api/status/feed.atom?lang=${lang}`} type="application/atom+xml">{t("status:page.feed")}</a></p>
        </>
      )}
    </main>
  );
}

function IncidentCard({ incident }: { incident: z.infer<typeof PublicStatusIncident> }) {
  const { t } = useTranslation();
  return (
    <article className="card status-incident" id={`incident-${incident.id}`} aria-labelledby={`title-${incident.id}`}>
      <h3 id={`title-${incident.id}`}>{incident.title}</h3>
      <p className="muted">{t(`status:states.${incident.state}`)} · {t("status:page.since", { at: formatDateTime(incident.startedAt) })}</p>
      <ol className="status-updates">
        {incident.updates.map((u) => (
          <li key={u.id}>
            <strong>{t(`status:states.${u.state}`)}</strong> <time dateTime={u.publishedAt}>{formatDateTime(u.publishedAt)}</time>
            <p className="status-text">{u.text}</p>
            {u.services.length > 0 && <p className="muted">{t("status:page.affects")} {u.services.join(", ")}</p>}
          </li>
        ))}
      </ol>
    </article>
  );
}

function SubscribeForm({ lang, services }: { lang: Language; services: PublicStatusPage["services"] }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [language, setLanguage] = useState<Language>(lang);
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  useEffect(() => setLanguage(lang), [lang]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await statusApi.subscribe({ email, language, serviceIds: chosen });
      setSent(true);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  const tooMany = error instanceof ApiError && error.status === 429;
  return (
    <section aria-labelledby="status-subscribe" className="card">
      <h2 id="status-subscribe">{t("status:subscribe.title")}</h2>
      {sent ? <p role="status">{t("status:subscribe.sent")}</p> : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label={t("status:subscribe.email")} error={fieldError(error, "email") ? t("status:subscribe.emailInvalid") : undefined}>
            {(p) => <input {...p} type="email" name="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />}
          </Field>
          <Field label={t("status:subscribe.language")}>
            {(p) => (
              <select {...p} name="language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
                {LANGUAGES.map((l) => <option key={l} value={l}>{t(`status:languageNames.${l}`)}</option>)}
              </select>
            )}
          </Field>
          {services.length > 0 && (
            <fieldset>
              <legend>{t("status:subscribe.services")}</legend>
              {services.map((s) => (
                <label key={s.id} className="check">
                  <input type="checkbox" checked={chosen.includes(s.id)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((c) => c !== s.id))} /> {s.name}
                </label>
              ))}
            </fieldset>
          )}
          <button type="submit">{t("status:subscribe.submit")}</button>
          {tooMany && <p className="alert alert-error" role="alert">{t("status:subscribe.tooMany")}</p>}
          {Boolean(error) && !tooMany && !fieldError(error, "email") && <p className="alert alert-error" role="alert">{t("status:page.failed")}</p>}
        </form>
      )}
    </section>
  );
}
