import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field } from "../components.js";
import { formatDateTime, VIEWER_ZONE } from "../format.js";
import { LANGUAGES, type Language } from "../../../shared/i18n/index.js";
import { timeZones } from "../setup/options.js";

/** My profile: the language I read Vakt in and the time zone times are shown in (empty: the browser's). */
export function ProfileSection() {
  const { t, i18n } = useTranslation();
  const { user, refresh } = useAuth();
  const [language, setLanguage] = useState<Language | "">(user?.language ?? "");
  const [timeZone, setTimeZone] = useState(user?.timeZone ?? "");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone("");
    try {
      await api.setLanguage({ language: language || null });
      await api.setTimeZone({ timeZone: timeZone || null });
      // The session answer carries both: the page is shown again in the new language and zone.
      await refresh();
      setDone(i18n.t("account:profile.saved"));
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t("account:profile.title")}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t("account:profile.language")} hint={t("account:profile.languageHint")}>
          {(p) => (
            <select {...p} name="language" value={language} onChange={(e) => setLanguage(e.target.value as Language | "")}>
              <option value="">{t("account:profile.languageDefault")}</option>
              {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{t(`account:profile.languages.${l}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t("account:profile.timeZone")} hint={t("account:profile.timeZoneHint", { zone: VIEWER_ZONE })}>
          {(p) => (
            <select {...p} name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
              <option value="">{t("account:profile.timeZoneDefault", { zone: VIEWER_ZONE.replace(/_/g, " ") })}</option>
              {timeZones().map((z) => <option key={z} value={z}>{z.replace(/_/g, " ")}</option>)}
            </select>
          )}
        </Field>
        <p className="hint">{t("account:profile.example", { now: formatDateTime(new Date().toISOString()) })}</p>
        <ErrorMessage error={error} title={t("account:profile.notSaved")} />
        <p role="status">{done}</p>
        <button type="submit" className="primary" disabled={busy}>{t("account:profile.save")}</button>
      </form>
    </section>
  );
}
