import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api.js";
import { ErrorMessage, Field } from "../components.js";
import { STAFF_ROLES } from "../../../shared/roles.js";
import { LANGUAGES } from "../../../shared/i18n/index.js";
import { formatDateTime } from "../format.js";
import { peopleApi, type ManagedUser } from "./peopleApi.js";

const INVITE_FIELDS = ["email", "name", "role"] as const;

/** Admins: every member of staff with role, status and last sign-in; invite, change role, deactivate, delete. */
export function PeoplePage() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<ManagedUser[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState("");
  const reload = useCallback(() => { peopleApi.users().then((r) => setUsers(r.items), setFailure); }, []);
  useEffect(reload, [reload]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setFailure(null);
    try { await work(); setStatus(done); reload(); } catch (err) { setFailure(err); }
  };
  const remove = (u: ManagedUser) => {
    if (window.confirm(t("people:confirmDelete", { name: u.name }))) void act(() => peopleApi.remove(u.id), t("people:deleted", { name: u.name }));
  };
  const statusOf = (u: ManagedUser) => (u.invitationPending ? t("people:status.invited") : u.active ? t("people:status.active") : t("people:status.inactive"));

  return (
    <div className="page">
      <h1>{t("people:title")}</h1>
      <InviteForm onInvited={(email) => { setStatus(t("people:invited", { email })); reload(); }} />
      <p role="status" aria-live="polite">{status}</p>
      {failure !== null && <ErrorMessage error={failure} />}
      {!users ? <p className="muted loading">{t("people:loading")}</p> : (
        <table>
          <thead><tr>{["name", "email", "role", "status", "lastUse", "actions"].map((c) => <th key={c}>{t(`people:columns.${c}`)}</th>)}</tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <select aria-label={t("people:roleOf", { name: u.name })} value={u.role} onChange={(e) => void act(() => peopleApi.update(u.id, { role: e.target.value }), t("people:roleChanged", { name: u.name }))}>
                    {STAFF_ROLES.map((r) => <option key={r} value={r}>{t(`people:roles.${r}`)}</option>)}
                  </select>
                </td>
                <td>{statusOf(u)}</td>
                <td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : t("people:never")}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => void act(() => peopleApi.update(u.id, { active: !u.active }), t(u.active ? "people:deactivated" : "people:activated", { name: u.name }))}>
                    {u.active ? t("people:deactivate") : t("people:activate")}
                  </button>{" "}
                  <button type="button" className="danger" onClick={() => remove(u)}>{t("people:delete")}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function InviteForm({ onInvited }: { onInvited: (email: string) => void }) {
  const { t } = useTranslation();
  const empty = { email: "", name: "", role: "", language: "" };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = Object.fromEntries(INVITE_FIELDS.filter((f) => !form[f].trim()).map((f) => [f, t("people:required", { field: t(`people:fields.${f}`) })]));
    setErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length) return;
    try {
      await peopleApi.invite({ email: form.email, name: form.name, role: form.role as (typeof STAFF_ROLES)[number], ...(form.language ? { language: form.language as (typeof LANGUAGES)[number] } : {}) });
      setForm(empty);
      onInvited(form.email);
    } catch (err) {
      const issues = err instanceof ApiError ? err.issues : [];
      if (issues.length) setErrors(Object.fromEntries(issues.map((i) => [i.field, t(`people:invalid.${i.field === "email" ? "email" : "other"}`, { field: t(`people:fields.${i.field}`, { defaultValue: i.field }) })])));
      else setFailure(err);
    }
  };
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("people:inviteTitle")}</h2>
      <p className="hint">{t("people:inviteHint")}</p>
      <form onSubmit={submit} noValidate>
        <Field label={`${t("people:fields.email")} *`} error={errors.email}>{(p) => <input {...p} name="email" type="email" value={form.email} onChange={set("email")} />}</Field>
        <Field label={`${t("people:fields.name")} *`} error={errors.name}>{(p) => <input {...p} name="name" value={form.name} onChange={set("name")} />}</Field>
        <Field label={`${t("people:fields.role")} *`} error={errors.role}>
          {(p) => (
            <select {...p} name="role" value={form.role} onChange={set("role")}>
              <option value="">{t("people:choose")}</option>
              {STAFF_ROLES.map((r) => <option key={r} value={r}>{t(`people:roles.${r}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t("people:fields.language")}>
          {(p) => (
            <select {...p} name="language" value={form.language} onChange={set("language")}>
              <option value="">{t("people:vendorLanguage")}</option>
              {LANGUAGES.map((l) => <option key={l} value={l}>{t(`setup:languages.${l}`)}</option>)}
            </select>
          )}
        </Field>
        {failure !== null && <ErrorMessage error={failure} />}
        <button type="submit">{t("people:send")}</button>
      </form>
    </section>
  );
}
