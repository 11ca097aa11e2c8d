import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { useTitle } from "../format.js";
import { LANGUAGE_LABELS } from "../breach/labels.js";
import type { Contact, Language, Organization, System } from "../breach/types.js";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; organizations: Organization[]; systems: System[] };

/** Customers (controllers) with their notice deadline and contacts, and the systems holding their data. */
export function OrganizationsPage() {
  useTitle("Organisations");
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
        <h1>Organisations</h1>
        <p className="alert alert-info">Your role cannot see the organisations.</p>
      </div>
    );
  if (load.state !== "ready")
    return (
      <div className="page">
        <h1>Organisations</h1>
        <div aria-live="polite">
          {load.state === "loading" ? <p className="muted loading">Loading organisations…</p> : (
            <>
              <ErrorMessage error={load.error} title="The organisations could not be loaded." />
              <button type="button" onClick={() => setAttempt((n) => n + 1)}>Try again</button>
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
        <h1>Organisations</h1>
        {mayManage && editing !== "new" && <button type="button" className="primary" onClick={() => setEditing("new")}>Add organisation</button>}
      </div>
      <p className="lead">Customers whose personal data we process, with the notice time from their data processing agreement, and the systems that hold their data.</p>

      <section className="card" aria-labelledby="orgs-title">
        <h2 id="orgs-title">Customers and our company</h2>
        {editing === "new" && <OrganizationForm onSaved={saved} onCancel={() => setEditing(null)} />}
        {organizations.length === 0 ? <p className="muted">No organisations yet.</p> : (
          <ul className="org-list">
            {organizations.map((o) => (
              <li key={o.id} className="org" aria-labelledby={`org-${o.id}`}>
                {editing === o.id ? <OrganizationForm initial={o} onSaved={saved} onCancel={() => setEditing(null)} /> : (
                  <div className="org-row">
                    <div>
                      <p className="org-name" id={`org-${o.id}`}>{o.name}{o.self && <span className="muted"> (us)</span>}</p>
                      <p className="action-meta">
                        {o.country} · {LANGUAGE_LABELS[o.language] ?? o.language} · notice within {o.noticeHours} h
                        {o.orgNumber && <> · org. no. {o.orgNumber}</>}
                      </p>
                      <p className="action-meta">
                        {o.contacts.length ? o.contacts.map((c) => `${c.name} (${c.role}) <${c.email}>`).join("; ") : "No contacts yet."}
                      </p>
                    </div>
                    {mayManage && editing === null && (
                      <button type="button" className="secondary small" onClick={() => setEditing(o.id)} aria-label={`Edit ${o.name}`}>Edit</button>
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
          <h2 id="systems-title">Systems and data sets</h2>
          {mayManageSystems && editing !== "system:new" && <button type="button" className="secondary" onClick={() => setEditing("system:new")}>Add system</button>}
        </div>
        <p className="section-lead">Naming a system as affected in an incident's impact analysis proposes the organisations whose data it holds.</p>
        {editing === "system:new" && <SystemForm organizations={organizations} onSaved={saved} onCancel={() => setEditing(null)} />}
        {systems.length === 0 ? <p className="muted">No systems yet.</p> : (
          <ul className="org-list">
            {systems.map((s) => (
              <li key={s.id} className="org" aria-labelledby={`system-${s.id}`}>
                {editing === `system:${s.id}` ? <SystemForm initial={s} organizations={organizations} onSaved={saved} onCancel={() => setEditing(null)} /> : (
                  <div className="org-row">
                    <div>
                      <p className="org-name" id={`system-${s.id}`}>{s.name}</p>
                      {s.description && <p className="action-meta">{s.description}</p>}
                      <p className="action-meta">
                        Holds data of: {s.organizationIds.length ? s.organizationIds.map((id) => orgName.get(id) ?? id).join(", ") : "no organisation yet"}
                      </p>
                    </div>
                    {mayManageSystems && editing === null && (
                      <button type="button" className="secondary small" onClick={() => setEditing(`system:${s.id}`)} aria-label={`Edit ${s.name}`}>Edit</button>
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

function OrganizationForm({ initial, onSaved, onCancel }: { initial?: Organization; onSaved(): void; onCancel(): void }) {
  const [name, setName] = useState(initial?.name ?? "");
  const [country, setCountry] = useState(initial?.country ?? "");
  const [language, setLanguage] = useState<Language>(initial?.language ?? "en");
  const [orgNumber, setOrgNumber] = useState(initial?.orgNumber ?? "");
  const [noticeHours, setNoticeHours] = useState(initial?.noticeHours?.toString() ?? "");
  const [contacts, setContacts] = useState<Contact[]>(initial?.contacts ?? []);
  const { error, busy, save } = useSave(onSaved);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const hours = noticeHours.trim() === "" ? undefined : Number(noticeHours);
    const body = {
      name: name.trim(), country: country.trim(), language, orgNumber: orgNumber.trim() || undefined,
      noticeHours: hours, contacts: contacts.filter((c) => c.name.trim() || c.email.trim() || c.role.trim()),
    };
    void save(() => (initial ? api.updateOrganization(initial.id, body) : api.createOrganization(body)), initial ? `${body.name} saved.` : `${body.name} added.`);
  };

  const setContact = (i: number, patch: Partial<Contact>) => setContacts((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <form className="stack org-form" noValidate onSubmit={submit} aria-label={initial ? `Edit ${initial.name}` : "Add organisation"}>
      <h3>{initial ? `Edit ${initial.name}` : "Add organisation"}</h3>
      <div className="row">
        <Field label="Name" error={fieldError(error, "name")}>
          {(p) => <input {...p} type="text" maxLength={200} autoFocus value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Country" hint="Two-letter code, e.g. SE or NO." error={fieldError(error, "country")}>
          {(p) => <input {...p} type="text" maxLength={2} value={country} onChange={(e) => setCountry(e.target.value.toUpperCase())} />}
        </Field>
        <Field label="Language of notices" error={fieldError(error, "language")}>
          {(p) => (
            <select {...p} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {(Object.keys(LANGUAGE_LABELS) as Language[]).map((l) => <option key={l} value={l}>{LANGUAGE_LABELS[l]}</option>)}
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <Field label="Organisation number" optional error={fieldError(error, "orgNumber")}>
          {(p) => <input {...p} type="text" maxLength={50} value={orgNumber} onChange={(e) => setOrgNumber(e.target.value)} />}
        </Field>
        <Field label="Notice within (hours)" optional hint="From the data processing agreement; empty uses the default." error={fieldError(error, "noticeHours")}>
          {(p) => <input {...p} type="number" min={1} max={720} step={1} inputMode="numeric" value={noticeHours} onChange={(e) => setNoticeHours(e.target.value)} />}
        </Field>
      </div>
      <fieldset className="subgroup">
        <legend>Contacts for breach notices</legend>
        {contacts.length === 0 && <p className="hint">No contacts yet.</p>}
        {contacts.map((c, i) => (
          <div key={i} className="contact-row inline align-end" role="group" aria-label={`Contact ${i + 1}`}>
            <Field label="Name" error={fieldError(error, `contacts.${i}.name`)}>
              {(p) => <input {...p} type="text" value={c.name} onChange={(e) => setContact(i, { name: e.target.value })} />}
            </Field>
            <Field label="E-mail" error={fieldError(error, `contacts.${i}.email`)}>
              {(p) => <input {...p} type="email" value={c.email} onChange={(e) => setContact(i, { email: e.target.value })} />}
            </Field>
            <Field label="Role" hint="e.g. DPO" error={fieldError(error, `contacts.${i}.role`)}>
              {(p) => <input {...p} type="text" value={c.role} onChange={(e) => setContact(i, { role: e.target.value })} />}
            </Field>
            <button type="button" className="link-button" onClick={() => setContacts((cs) => cs.filter((_, j) => j !== i))} aria-label={`Remove contact ${i + 1}`}>Remove</button>
          </div>
        ))}
        <button type="button" className="secondary small" onClick={() => setContacts((cs) => [...cs, { ...NO_CONTACT }])}>Add contact</button>
      </fieldset>
      <div aria-live="assertive"><ErrorMessage error={error} /></div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? "Saving…" : initial ? "Save organisation" : "Add organisation"}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

function SystemForm({ initial, organizations, onSaved, onCancel }: { initial?: System; organizations: Organization[]; onSaved(): void; onCancel(): void }) {
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [ids, setIds] = useState<string[]>(initial?.organizationIds ?? []);
  const { error, busy, save } = useSave(onSaved);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { name: name.trim(), description: description.trim() || undefined, organizationIds: ids };
    void save(() => (initial ? api.updateSystem(initial.id, body) : api.createSystem(body)), initial ? `${body.name} saved.` : `${body.name} added.`);
  };

  return (
    <form className="stack org-form" noValidate onSubmit={submit} aria-label={initial ? `Edit ${initial.name}` : "Add system"}>
      <h3>{initial ? `Edit ${initial.name}` : "Add system"}</h3>
      <Field label="System name" hint="As it is named in impact analyses, e.g. customer-portal." error={fieldError(error, "name")}>
        {(p) => <input {...p} type="text" maxLength={200} autoFocus value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label="Description" optional error={fieldError(error, "description")}>
        {(p) => <input {...p} type="text" maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <fieldset className="checkbox-group">
        <legend>Holds personal data of</legend>
        {organizations.length === 0 ? <p className="hint">Add organisations first.</p> : (
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
        {fieldError(error, "organizationIds") && <p className="field-error">{fieldError(error, "organizationIds")}</p>}
      </fieldset>
      <div aria-live="assertive"><ErrorMessage error={error} /></div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? "Saving…" : initial ? "Save system" : "Add system"}</button>
        <button type="button" className="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
