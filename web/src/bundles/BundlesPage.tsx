import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
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
export function BundlesPage() {
  useTitle("Bundled notifications");
  const { can } = useAuth();
  const [bundles, setBundles] = useState<Bundle[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => bundlesApi.list().then((r) => setBundles(r.items), setError), []);
  useEffect(() => { void reload(); }, [reload]);
  const manage = can("report.manage");
  return (
    <div className="page">
      <h1>Bundled notifications</h1>
      <p className="lead">
        Several similar breaches, the same kind of data breached the same way within 30 days, may be reported to the authority in one
        notification (EDPB Guidelines 9/2022, para. 97). Each breach keeps its own register entry and clocks.
      </p>
      <ErrorMessage error={error} />
      {manage && <NewBundle onCreated={reload} />}
      {bundles === null ? <p className="muted" role="status">Loading…</p> : bundles.length === 0 ? <p>No bundles yet.</p> : (
        bundles.map((b) => <BundleCard key={b.id} bundle={b} manage={manage} onChanged={reload} />)
      )}
    </div>
  );
}

function NewBundle({ onCreated }: { onCreated: () => void }) {
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
      <h2 id="new-bundle">Bundle similar breaches</h2>
      <ErrorMessage error={error} />
      <Field label="Title" error={fieldError(error, "title")}>{(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}</Field>
      <Field label="What they have in common" hint="The cause and the way they happened, as you would tell the authority." error={fieldError(error, "reason")}>
        {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <fieldset className={fieldError(error, "incidentIds") ? "has-error" : undefined}>
        <legend>Breaches</legend>
        {entries.map((e) => (
          <label key={e.incidentId} className="check">
            <input type="checkbox" checked={chosen.includes(e.incidentId)} onChange={() => toggle(e.incidentId)} />
            <span className="mono">{e.reference}</span> {e.title} <span className="hint">(aware {formatDateTime(e.awareAt)})</span>
          </label>
        ))}
        {fieldError(error, "incidentIds") && <p className="field-error" role="alert">{fieldError(error, "incidentIds")}</p>}
      </fieldset>
      <button type="submit" disabled={chosen.length < 2}>Create bundle</button>
    </form>
  );
}

function BundleCard({ bundle: b, manage, onChanged }: { bundle: Bundle; manage: boolean; onChanged: () => void }) {
  const navigate = useNavigate();
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
        <caption>{b.members.length} breaches: about {b.totals.approxSubjects.toLocaleString()} people, {b.totals.approxRecords.toLocaleString()} records</caption>
        <thead><tr><th>Incident</th><th>Aware</th><th>People</th><th>Records</th>{manage && !reported && <th><span className="visually-hidden">Remove</span></th>}</tr></thead>
        <tbody>
          {b.members.map((m) => (
            <tr key={m.incidentId}>
              <td><Link to={`/incidents/${m.incidentId}`}><span className="mono">{m.reference}</span> {m.title}</Link></td>
              <td>{formatDateTime(m.awareAt)}</td>
              <td>{m.approxSubjects?.toLocaleString() ?? "—"}</td>
              <td>{m.approxRecords?.toLocaleString() ?? "—"}</td>
              {manage && !reported && (
                <td><button type="button" className="link-button" onClick={act(() => bundlesApi.removeMember(b.id, m.incidentId))}>Remove {m.reference}</button></td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {b.reports.length > 0 && (
        <ul>
          {b.reports.map((r) => (
            <li key={r.id}>
              <Link to={`/incidents/${lead.incidentId}/reports`}>{r.authority}, {r.phase}</Link>: {r.submittedAt ? `submitted ${formatDateTime(r.submittedAt)}, case ${r.caseReference}` : "draft"}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <div className="inline">
          <label htmlFor={`auth-${b.id}`}>Authority</label>
          <select id={`auth-${b.id}`} value={authority} onChange={(e) => setAuthority(e.target.value as typeof authority)}>
            {AUTHORITIES.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
          <button type="button" onClick={draft}>Draft bundled report</button>
        </div>
      )}
    </section>
  );
}
