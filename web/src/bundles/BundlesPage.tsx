import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../i18n.js";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import type { RegisterEntry } from "../breach/types.js";
import { bundlesApi, type Bundle } from "./api.js";
import { AUTHORITIES } from "../../../shared/breach/authorityForms.js";

/**
 * Bundled notifications: several similar breaches (the same data breached the same way within
 * 30 days, EDPB Guidelines 9/2022 para. 97) reported to the authority in one report.
 */
const count = (n: number) => n.toLocaleString(currentLanguage());

export function BundlesPage() {
  const { t } = useTranslation();
  useTitle(t("bundles:title"));
  const { can } = useAuth();
  const [bundles, setBundles] = useState<Bundle[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => bundlesApi.list().then((r) => setBundles(r.items), setError), []);
  useEffect(() => { void reload(); }, [reload]);
  const manage = can("report.manage");
  return (
    <div className="page">
      <h1>{t("bundles:title")}</h1>
      <p className="lead">{t("bundles:lead")}</p>
      <ErrorMessage error={error} />
      {manage && <NewBundle onCreated={reload} />}
      {bundles === null ? <p className="muted" role="status">{t("bundles:loading")}</p> : bundles.length === 0 ? <p>{t("bundles:none")}</p> : (
        bundles.map((b) => <BundleCard key={b.id} bundle={b} manage={manage} onChanged={reload} />)
      )}
    </div>
  );
}

function NewBundle({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<RegisterEntry[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [title, setTitle] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.breachRegister({ entryStatus: "breach" }).then((r) => setEntries(r.items.filter((e) => e.awareAt)), setError);
  }, []);
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await bundlesApi.create({ title, reason, incidentIds: chosen });
      setChosen([]); setTitle(""); setReason("");
      onCreated();
    } catch (err) { setError(err); }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-bundle">
      <h2 id="new-bundle">{t("bundles:new.title")}</h2>
      <ErrorMessage error={error} />
      <Field label={t("bundles:new.name")} error={fieldError(error, "title")}>{(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}</Field>
      <Field label={t("bundles:new.reason")} hint={t("bundles:new.reasonHint")} error={fieldError(error, "reason")}>
        {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <fieldset className={fieldError(error, "incidentIds") ? "has-error" : undefined}>
        <legend>{t("bundles:new.breaches")}</legend>
        {entries.map((e) => (
          <label key={e.incidentId} className="check">
            <input type="checkbox" checked={chosen.includes(e.incidentId)} onChange={() => toggle(e.incidentId)} />
            <span className="mono">{e.reference}</span> {e.title} <span className="hint">{t("bundles:new.aware", { at: formatDateTime(e.awareAt) })}</span>
          </label>
        ))}
        {fieldError(error, "incidentIds") && <p className="field-error" role="alert">{fieldError(error, "incidentIds")}</p>}
      </fieldset>
      <button type="submit" disabled={chosen.length < 2}>{t("bundles:new.create")}</button>
    </form>
  );
}

function BundleCard({ bundle: b, manage, onChanged }: { bundle: Bundle; manage: boolean; onChanged: () => void }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const [authority, setAuthority] = useState<(typeof AUTHORITIES)[number]>("IMY");
  const [error, setError] = useState<unknown>(null);
  const lead = b.members[0];
  const reported = b.reports.some((r) => r.submittedAt);
  const act = (f: () => Promise<unknown>) => async () => {
    setError(null);
    try { await f(); onChanged(); } catch (err) { setError(err); }
  };
  const draft = async () => {
    setError(null);
    try {
      const initial = b.reports.some((r) => r.authority === authority && r.phase === "initial");
      const r = await bundlesApi.draftReport(b.id, { authority, phase: initial ? "supplementary" : "initial" });
      void navigate(`/incidents/${r.incidentId}/reports`);
    } catch (err) { setError(err); }
  };
  return (
    <section className="card" aria-label={b.title}>
      <h2>{b.title}</h2>
      <p>{b.reason}</p>
      <ErrorMessage error={error} />
      <table>
        <caption>{t("bundles:card.caption", { count: b.members.length, people: count(b.totals.approxSubjects), records: count(b.totals.approxRecords) })}</caption>
        <thead><tr>
          <th>{t("bundles:card.incident")}</th><th>{t("bundles:card.aware")}</th><th>{t("bundles:card.people")}</th><th>{t("bundles:card.records")}</th>
          {manage && !reported && <th><span className="visually-hidden">{t("bundles:card.remove")}</span></th>}
        </tr></thead>
        <tbody>
          {b.members.map((m) => (
            <tr key={m.incidentId}>
              <td><Link to={`/incidents/${m.incidentId}`}><span className="mono">{m.reference}</span> {m.title}</Link></td>
              <td>{formatDateTime(m.awareAt)}</td>
              <td>{m.approxSubjects === null ? "—" : count(m.approxSubjects)}</td>
              <td>{m.approxRecords === null ? "—" : count(m.approxRecords)}</td>
              {manage && !reported && (
                <td><button type="button" className="link-button" onClick={act(() => bundlesApi.removeMember(b.id, m.incidentId))}>{t("bundles:card.removeMember", { reference: m.reference })}</button></td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {b.reports.length > 0 && (
        <ul>
          {b.reports.map((r) => (
            <li key={r.id}>
              <Link to={`/incidents/${lead.incidentId}/reports`}>{t(`bundles:authority.${r.authority}`, { defaultValue: r.authority })}, {t(`bundles:phase.${r.phase}`, { defaultValue: r.phase })}</Link>:{" "}
              {r.submittedAt ? t("bundles:card.submitted", { at: formatDateTime(r.submittedAt), reference: r.caseReference ?? "—" }) : t("bundles:card.draft")}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <div className="inline">
          <label htmlFor={`auth-${b.id}`}>{t("bundles:card.authority")}</label>
          <select id={`auth-${b.id}`} value={authority} onChange={(e) => setAuthority(e.target.value as typeof authority)}>
            {AUTHORITIES.map((a) => <option key={a} value={a}>{t(`bundles:authority.${a}`)}</option>)}
          </select>
          <button type="button" onClick={draft}>{t("bundles:card.draftReport")}</button>
        </div>
      )}
    </section>
  );
}
