import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { useTitle } from "../format.js";
import { wordedProblems, type FieldProblems } from "../fieldErrors.js";
import { countryOptions, languageForCountry } from "../setup/options.js";
import { LANGUAGES } from "../../../shared/i18n/index.js";
import type { Contact, Language, Organization, System } from "../breach/types.js";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; organizations: Organization[]; systems: System[] };

/** A country's name in the language shown ("Sverige", "Sweden"); the code when the browser has no name for it. */
function countryName(code: string, lang: string): string {
  try { return new Intl.DisplayNames([lang], { type: "region" }).of(code) ?? code; } catch { return code; }
}

/** Customers (controllers) with their notice deadline and contacts, and the systems holding their data. */
export function OrganizationsPage() {
  const { t, i18n } = useTranslation();
  useTitle(t("organizations:title"));
  const { can } = useAuth();
  const allowed = can("organization.read");
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState<string | null>(null); // organisation id, "new", "system:<id>" or "system:new"

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    Promise.all([api.organizations(), api.systems()]).then(
      ([o, s]) => live && setLoad({ state: "ready", organizations: o.items, systems: s.items }),
      (error: unknown) => live && setLoad({ state: "error", error }),
    );
    return () => { live = false; };
  }, [allowed, attempt]);

  const saved = useCallback(() => { setEditing(null); setAttempt((n) => n + 1); }, []);

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>{t("organizations:title")}</h1>
        <p className="alert alert-info">{t("organizations:notAllowed")}</p>
      </div>
    );
  if (load.state !== "ready")
    return (
      <div className="page">
        <h1>{t("organizations:title")}</h1>
        <div aria-live="polite">
          {load.state === "loading" ? <p className="muted loading">{t("organizations:loading")}</p> : (
            <>
              <ErrorMessage error={load.error} title={t("organizations:loadFailed")} />
              <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t("organizations:tryAgain")}</button>
            </>
          )}
        </div>
      </div>
    );

  const { organizations, systems } = load;
  const mayManage = can("organization.manage");
  const mayManageSystems = can("system.manage");
  const orgName = new Map(organizations.map((o) => [o.id, o.name]));

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("organizations:title")}</h1>
        {mayManage && editing !== "new" && <button type="button" className="primary" onClick={() => setEditing("new")}>{t("organizations:add")}</button>}
      </div>
      <p className="lead">{t("organizations:lead")}</p>

      <section className="card" aria-labelledby="orgs-title">
        <h2 id="orgs-title">{t("organizations:listTitle")}</h2>
        {editing === "new" && <OrganizationForm onSaved={saved} onCancel={() => setEditing(null)} />}
        {organizations.length === 0 ? <p className="muted">{t("organizations:none")}</p> : (
          <ul className="org-list">
            {organizations.map((o) => (
              <li key={o.id} className="org" aria-labelledby={`org-${o.id}`}>
                {editing === o.id ? <OrganizationForm initial={o} onSaved={saved} onCancel={() => setEditing(null)} /> : (
                  <div className="org-row">
                    <div>
                      <p className="org-name" id={`org-${o.id}`}>{o.name}{o.self && <span className="muted"> {t("organizations:us")}</span>}</p>
                      <p className="action-meta">
                        {countryName(o.country, i18n.language)} · {t(`organizations:languages.${o.language}`)} · {t("organizations:noticeWithin", { hours: o.noticeHours })}
                        {o.orgNumber && <> · {t("organizations:orgNumberShort", { number: o.orgNumber })}</>}
                      </p>
                      <p className="action-meta">
                        {o.contacts.length ? o.contacts.map((c) => `${c.name} (${c.role}) <${c.email}>`).join("; ") : t("organizations:noContacts")}
                      </p>
                    </div>
                    {mayManage && editing === null && (
                      <button type="button" className="secondary small" onClick={() => setEditing(o.id)}
                        aria-label={t("organizations:edit", { name: o.name })}>{t("organizations:editButton")}</button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="systems-title">
        <div className="card-head">
          <h2 id="systems-title">{t("organizations:systems.title")}</h2>
          {mayManageSystems && editing !== "system:new" && (
            <button type="button" className="secondary" onClick={() => setEditing("system:new")}>{t("organizations:systems.add")}</button>
          )}
        </div>
        <p className="section-lead">{t("organizations:systems.lead")}</p>
        {editing === "system:new" && <SystemForm organizations={organizations} onSaved={saved} onCancel={() => setEditing(null)} />}
        {systems.length === 0 ? <p className="muted">{t("organizations:systems.none")}</p> : (
          <ul className="org-list">
            {systems.map((s) => (
              <li key={s.id} className="org" aria-labelledby={`system-${s.id}`}>
                {editing === `system:${s.id}` ? <SystemForm initial={s} organizations={organizations} onSaved={saved} onCancel={() => setEditing(null)} /> : (
                  <div className="org-row">
                    <div>
                      <p className="org-name" id={`system-${s.id}`}>{s.name}</p>
                      {s.description && <p className="action-meta">{s.description}</p>}
                      <p className="action-meta">
                        {s.organizationIds.length
                          ? t("organizations:systems.holds", { names: s.organizationIds.map((id) => orgName.get(id) ?? id).join(", ") })
                          : t("organizations:systems.holdsNone")}
                      </p>
                    </div>
                    {mayManageSystems && editing === null && (
                      <button type="button" className="secondary small" onClick={() => setEditing(`system:${s.id}`)}
                        aria-label={t("organizations:edit", { name: s.name })}>{t("organizations:editButton")}</button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

const NO_CONTACT: Contact = { name: "", email: "", role: "" };
const ORG_REQUIRED = ["name", "country", "language"] as const;
const CONTACT_FIELDS = ["name", "email", "role"] as const;

/** Sends a form's change, announces it and hands over; keeps the error for the fields. */
function useSave(onSaved: () => void) {
  const announce = useAnnounce();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async (run: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      announce(message);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, save };
}

/** "Role is required" / "Roll måste anges": the form's own words, never the validator's. */
function useOrganizationWords() {
  const { t } = useTranslation();
  return {
    required: (field: string) => t("organizations:required", { field: t(`organizations:fields.${field}`, { defaultValue: field }) }),
    invalid: (field: string) => t(`organizations:invalid.${field}`, { defaultValue: t("organizations:invalid.other") }),
  };
}

function OrganizationForm({ initial, onSaved, onCancel }: { initial?: Organization; onSaved(): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const words = useOrganizationWords();
  const [name, setName] = useState(initial?.name ?? "");
  const [country, setCountry] = useState(initial?.country ?? "");
  const [language, setLanguage] = useState<Language | "">(initial?.language ?? "");
  const [orgNumber, setOrgNumber] = useState(initial?.orgNumber ?? "");
  const [noticeHours, setNoticeHours] = useState(initial?.noticeHours?.toString() ?? "");
  const [contacts, setContacts] = useState<Contact[]>(initial?.contacts ?? []);
  const [problems, setProblems] = useState<FieldProblems>({});
  const { error, busy, save } = useSave(onSaved);
  const values: Record<string, string> = {
    name, country, language, orgNumber, noticeHours,
    ...Object.fromEntries(contacts.flatMap((c, i) => CONTACT_FIELDS.map((f) => [`contacts.${i}.${f}`, c[f]]))),
  };
  // A contact row is kept when anything is written in it; then each of its fields is required.
  const kept = contacts.map((c, i) => [c, i] as const).filter(([c]) => c.name.trim() || c.email.trim() || c.role.trim());
  const required = [...ORG_REQUIRED, ...kept.flatMap(([, i]) => CONTACT_FIELDS.map((f) => `contacts.${i}.${f}`))];
  const shown = error ? { ...wordedProblems({ values, required: [], error, words }), ...problems } : problems;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = wordedProblems({ values, required, words });
    setProblems(missing);
    if (Object.keys(missing).length || !language) return;
    const hours = noticeHours.trim() === "" ? undefined : Number(noticeHours);
    const body = {
      name: name.trim(), country, language, orgNumber: orgNumber.trim() || undefined,
      noticeHours: hours, contacts: kept.map(([c]) => c),
    };
    const message = initial ? t("organizations:saved", { name: body.name }) : t("organizations:added", { name: body.name });
    void save(() => (initial ? api.updateOrganization(initial.id, body) : api.createOrganization(body)), message);
  };

  const chooseCountry = (code: string) => {
    setCountry(code);
    if (code) setLanguage(languageForCountry(code));
  };
  const setContact = (i: number, patch: Partial<Contact>) => setContacts((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const title = initial ? t("organizations:edit", { name: initial.name }) : t("organizations:add");
  const star = (label: string) => `${label} *`;

  return (
    <form className="stack org-form" noValidate onSubmit={submit} aria-label={title}>
      <h3>{title}</h3>
      <p className="hint">{t("organizations:requiredMarked")}</p>
      <div className="row">
        <Field label={star(t("organizations:fields.name"))} error={shown.name}>
          {(p) => <input {...p} type="text" maxLength={200} autoFocus value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={star(t("organizations:fields.country"))} error={shown.country}>
          {(p) => (
            <select {...p} value={country} onChange={(e) => chooseCountry(e.target.value)}>
              <option value="">{t("organizations:chooseCountry")}</option>
              {countryOptions(i18n.language).map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select>
          )}
        </Field>
        <Field label={star(t("organizations:fields.language"))} hint={t("organizations:languageHint")} error={shown.language}>
          {(p) => (
            <select {...p} value={language} onChange={(e) => setLanguage(e.target.value as Language | "")}>
              <option value="">{t("organizations:chooseLanguage")}</option>
              {LANGUAGES.map((l) => <option key={l} value={l}>{t(`organizations:languages.${l}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <Field label={t("organizations:fields.orgNumber")} optional error={shown.orgNumber}>
          {(p) => <input {...p} type="text" maxLength={50} value={orgNumber} onChange={(e) => setOrgNumber(e.target.value)} />}
        </Field>
        <Field label={t("organizations:fields.noticeHours")} optional hint={t("organizations:noticeHoursHint")} error={shown.noticeHours}>
          {(p) => <input {...p} type="number" min={1} max={720} step={1} inputMode="numeric" value={noticeHours} onChange={(e) => setNoticeHours(e.target.value)} />}
        </Field>
      </div>
      <fieldset className="subgroup">
        <legend>{t("organizations:contactsTitle")}</legend>
        {contacts.length === 0 && <p className="hint">{t("organizations:noContacts")}</p>}
        {contacts.map((c, i) => (
          <div key={i} className="contact-row inline align-end" role="group" aria-label={t("organizations:contactN", { n: i + 1 })}>
            <Field label={star(t("organizations:fields.name"))} error={shown[`contacts.${i}.name`]}>
              {(p) => <input {...p} type="text" value={c.name} onChange={(e) => setContact(i, { name: e.target.value })} />}
            </Field>
            <Field label={star(t("organizations:fields.email"))} error={shown[`contacts.${i}.email`]}>
              {(p) => <input {...p} type="email" value={c.email} onChange={(e) => setContact(i, { email: e.target.value })} />}
            </Field>
            <Field label={star(t("organizations:fields.role"))} hint={t("organizations:roleHint")} error={shown[`contacts.${i}.role`]}>
              {(p) => <input {...p} type="text" value={c.role} onChange={(e) => setContact(i, { role: e.target.value })} />}
            </Field>
            <button type="button" className="link-button" onClick={() => setContacts((cs) => cs.filter((_, j) => j !== i))}
              aria-label={t("organizations:removeContactN", { n: i + 1 })}>{t("organizations:remove")}</button>
          </div>
        ))}
        <button type="button" className="secondary small" onClick={() => setContacts((cs) => [...cs, { ...NO_CONTACT }])}>{t("organizations:addContact")}</button>
      </fieldset>
      <div aria-live="assertive">
        {Object.keys(shown).length > 0
          ? <p className="alert alert-error" role="alert">{t("organizations:correctFields")}</p>
          : <ErrorMessage error={error} />}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t("organizations:saving") : initial ? t("organizations:save") : t("organizations:add")}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t("organizations:cancel")}</button>
      </div>
    </form>
  );
}

function SystemForm({ initial, organizations, onSaved, onCancel }: { initial?: System; organizations: Organization[]; onSaved(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [ids, setIds] = useState<string[]>(initial?.organizationIds ?? []);
  const [missingName, setMissingName] = useState(false);
  const { error, busy, save } = useSave(onSaved);
  const nameError = missingName ? t("organizations:required", { field: t("organizations:systems.name") }) : fieldError(error, "name") && t("organizations:systems.nameInvalid");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissingName(!name.trim());
    if (!name.trim()) return;
    const body = { name: name.trim(), description: description.trim() || undefined, organizationIds: ids };
    const message = initial ? t("organizations:saved", { name: body.name }) : t("organizations:added", { name: body.name });
    void save(() => (initial ? api.updateSystem(initial.id, body) : api.createSystem(body)), message);
  };
  const title = initial ? t("organizations:edit", { name: initial.name }) : t("organizations:systems.add");

  return (
    <form className="stack org-form" noValidate onSubmit={submit} aria-label={title}>
      <h3>{title}</h3>
      <Field label={`${t("organizations:systems.name")} *`} hint={t("organizations:systems.nameHint")} error={nameError || undefined}>
        {(p) => <input {...p} type="text" maxLength={200} autoFocus value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t("organizations:systems.description")} optional error={fieldError(error, "description") && t("organizations:invalid.other")}>
        {(p) => <input {...p} type="text" maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <fieldset className="checkbox-group">
        <legend>{t("organizations:systems.holdsLegend")}</legend>
        {organizations.length === 0 ? <p className="hint">{t("organizations:systems.addOrganizationsFirst")}</p> : (
          <ul className="checks">
            {organizations.map((o) => (
              <li key={o.id}>
                <label className="check">
                  <input type="checkbox" checked={ids.includes(o.id)} onChange={(e) => setIds(e.target.checked ? [...ids, o.id] : ids.filter((x) => x !== o.id))} />
                  <span>{o.name}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {fieldError(error, "organizationIds") && <p className="field-error">{t("organizations:invalid.other")}</p>}
      </fieldset>
      <div aria-live="assertive"><ErrorMessage error={error} /></div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t("organizations:saving") : initial ? t("organizations:systems.save") : t("organizations:systems.add")}</button>
        <button type="button" className="secondary" onClick={onCancel}>{t("organizations:cancel")}</button>
      </div>
    </form>
  );
}
