import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { IncidentStatusView, PerLanguageText, StatusState } from "../../../shared/schemas/status.js";
import { STATUS_STATES } from "../../../shared/schemas/status.js";
import { LANGUAGES, type Language } from "../../../shared/i18n/index.js";
import { localized } from "../../../shared/status/localized.js";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError, Section, useAnnounce } from "../components.js";
import { formatDateTime } from "../format.js";
import { currentLanguage } from "../i18n.js";
import { useIncident } from "../incident/context.js";
import { statusApi } from "./api.js";

type Choice = { id: string; name: string };
const empty: PerLanguageText = { sv: "", nb: "", en: "" };

/** Status updates to customers from the incident page: what was published, and a form for the next one (docs/status-page.md). */
export function StatusUpdatesPanel() {
  const { t } = useTranslation();
  const { incident } = useIncident();
  const { can } = useAuth();
  const [view, setView] = useState<z.infer<typeof IncidentStatusView> | null>(null);
  const [services, setServices] = useState<Choice[]>([]);
  const [organizations, setOrganizations] = useState<Choice[]>([]);
  const reload = useCallback(() => statusApi.updates(incident.id).then(setView, () => setView(null)), [incident.id]);
  useEffect(() => {
    void reload();
    statusApi.services().then((r) => setServices(r.items.filter((s) => !s.archived).map((s) => ({ id: s.id, name: localized(s.names, currentLanguage()) }))), () => {});
    api.affectedOrganizations(incident.id).then((r) => setOrganizations(r.items.map((o) => ({ id: o.id, name: o.name }))), () => {});
  }, [reload, incident.id]);
  if (!can("incident.read")) return null;
  return (
    <Section id="status-updates" title={t("status:staff.title")}>
      <p className="hint">{t("status:staff.hint")} <a href={`/status?lang=${currentLanguage()}`} target="_blank" rel="noreferrer">{t("status:staff.open")}</a></p>
      {view && view.updates.length === 0 && <p className="muted">{t("status:staff.none")}</p>}
      {view && view.updates.length > 0 && (
        <ol className="status-updates" aria-label={t("status:staff.published")}>
          {view.updates.map((u) => (
            <li key={u.id}>
              <strong>{t(`status:states.${u.state}`)}</strong> {formatDateTime(u.publishedAt)} · {u.public ? t("status:staff.public") : t("status:staff.private")}
              {" · "}{t("status:staff.mailed", { count: u.mailed })}
              <p className="status-text">{localized(u.texts, currentLanguage())}</p>
            </li>
          ))}
        </ol>
      )}
      {can("status.publish") && view && (
        <PublishForm key={view.updates.length} incidentId={incident.id} titles={view.titles} services={services} organizations={organizations} onPublished={reload} />
      )}
    </Section>
  );
}

function PublishForm({ incidentId, titles, services, organizations, onPublished }: {
  incidentId: string; titles: PerLanguageText | null; services: Choice[]; organizations: Choice[]; onPublished: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [title, setTitle] = useState<PerLanguageText>({ ...empty, ...titles });
  const [text, setText] = useState<PerLanguageText>(empty);
  const [state, setState] = useState<StatusState>("investigating");
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const [organizationIds, setOrganizationIds] = useState<string[] | null>(null);
  const [isPublic, setPublic] = useState(true);
  const [subscribeContacts, setSubscribeContacts] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const orgs = organizationIds ?? organizations.map((o) => o.id);
  const submit = async () => {
    try {
      await statusApi.publish(incidentId, {
        title, text, state, serviceIds, organizationIds: orgs, public: isPublic, subscribeOrganizationContacts: subscribeContacts,
      });
      setError(null);
      announce(t("status:staff.done"));
      await onPublished();
    } catch (e) {
      setError(e);
    }
  };
  const perLanguage = (label: string, value: PerLanguageText, set: (v: PerLanguageText) => void, field: string, long: boolean) => (
    <fieldset>
      <legend>{label}</legend>
      {fieldError(error, field) && <p className="field-error">{t("status:staff.needsText")}</p>}
      {LANGUAGES.map((l: Language) => (
        <Field key={l} label={t(`status:languageNames.${l}`)}>
          {(p) => long
            ? <textarea {...p} name={`${field}-${l}`} rows={3} value={value[l] ?? ""} onChange={(e) => set({ ...value, [l]: e.target.value })} />
            : <input {...p} name={`${field}-${l}`} value={value[l] ?? ""} onChange={(e) => set({ ...value, [l]: e.target.value })} />}
        </Field>
      ))}
    </fieldset>
  );
  const checks = (legend: string, choices: Choice[], chosen: string[], set: (ids: string[]) => void) => choices.length > 0 && (
    <fieldset>
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.id} className="check">
          <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => set(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))} /> {c.name}
        </label>
      ))}
    </fieldset>
  );
  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
      <h3>{t("status:staff.new")}</h3>
      {perLanguage(t("status:staff.titleLabel"), title, setTitle, "title", false)}
      <Field label={t("status:staff.state")}>
        {(p) => (
          <select {...p} name="state" value={state} onChange={(e) => setState(e.target.value as StatusState)}>
            {STATUS_STATES.map((s) => <option key={s} value={s}>{t(`status:states.${s}`)}</option>)}
          </select>
        )}
      </Field>
      {perLanguage(t("status:staff.textLabel"), text, setText, "text", true)}
      {checks(t("status:staff.services"), services, serviceIds, setServiceIds)}
      {checks(t("status:staff.organizations"), organizations, orgs, setOrganizationIds)}
      <label className="check"><input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} /> {t("status:staff.publicLabel")}</label>
      <label className="check">
        <input type="checkbox" checked={subscribeContacts} onChange={(e) => setSubscribeContacts(e.target.checked)} /> {t("status:staff.subscribeContacts")}
      </label>
      <button type="submit">{t("status:staff.submit")}</button>
      <ErrorMessage error={error} />
    </form>
  );
}
