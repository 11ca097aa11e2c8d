import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import type { z } from "zod";
import { api, ApiError, request, type User } from "../api.js";
import type { AuditPage as AuditPageSchema } from "../../../shared/schemas/audit.js";
import type { Organization } from "../breach/types.js";
import { PagedStatus, PagedTable, usePaged } from "../paging.js";
import { useAuth } from "../auth.js";
import { ErrorMessage } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";

const PAGE_SIZE = 50;
const HASH_OK = { background: "var(--ok-soft)", color: "var(--ok)" };
const HASH_BAD = { background: "var(--danger)", color: "#fff" };
/** The URL's search parameters that filter GET /api/audit (shared/schemas/audit.ts ListAuditQuery). */
const FILTERS = ["actorId", "action", "incidentId", "organizationId", "from", "to"] as const;
type Filter = Partial<Record<(typeof FILTERS)[number], string>>;

type Verification = NonNullable<z.infer<typeof AuditPageSchema>["verification"]>;
type Verify = { state: "idle" | "checking" } | { state: "done"; result: Verification } | { state: "error"; error: unknown };

function auditUrl(f: Filter & { limit?: number; cursor?: string; verify?: "true" }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, String(v));
  return `/api/audit?${q}`;
}
const search = (f: Filter, cursor?: string, signal?: AbortSignal) =>
  request<z.infer<typeof AuditPageSchema>>("GET", auditUrl({ ...f, limit: PAGE_SIZE, cursor }), undefined, { signal });
// verify=true re-computes the whole chain; one entry is enough to carry the answer.
const verifyChain = async (): Promise<Verification> => {
  const { verification } = await request<z.infer<typeof AuditPageSchema>>("GET", auditUrl({ limit: 1, verify: "true" }));
  if (!verification) throw new ApiError(500, "The server answered without the chain verification.");
  return verification;
};

/** A day (YYYY-MM-DD) as the instant its local day starts, or the next day's start for an inclusive end. */
function dayStart(d: string | undefined, next = false): string | undefined {
  if (!d) return undefined;
  const t = new Date(`${d}T00:00`);
  if (Number.isNaN(t.getTime())) return undefined;
  if (next) t.setDate(t.getDate() + 1);
  return t.toISOString();
}

export function AuditPage() {
  useTitle("Audit log");
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const allowed = can("audit.read");
  const filter: Filter = Object.fromEntries(FILTERS.map((k): [string, string | undefined] => [k, params.get(k) ?? undefined]).filter(([, v]) => v));
  const apiFilter: Filter = { ...filter, from: dayStart(filter.from), to: dayStart(filter.to, true) };
  const key = JSON.stringify(apiFilter);
  const { load, loadMore, retry } = usePaged(key, (cursor, signal) => search(JSON.parse(key) as Filter, cursor, signal), allowed);
  const [verify, setVerify] = useState<Verify>({ state: "idle" });
  const [users, setUsers] = useState<User[]>([]);
  const [orgs, setOrgs] = useState<Organization[]>([]);

  const runVerify = useCallback(async () => {
    setVerify({ state: "checking" });
    try {
      setVerify({ state: "done", result: await verifyChain() });
    } catch (error) {
      setVerify({ state: "error", error });
    }
  }, []);
  useEffect(() => {
    if (!allowed) return;
    void runVerify();
    api.users().then((r) => setUsers(r.items), () => setUsers([]));
    api.organizations().then((r) => setOrgs(r.items), () => setOrgs([]));
  }, [allowed, runVerify]);

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>Audit log</h1>
        <p className="alert alert-info">Your role cannot read the audit log. It is open to administrators, privacy officers and auditors.</p>
      </div>
    );

  const apply = (next: Filter) => setParams(new URLSearchParams(Object.entries(next).filter(([, v]) => v) as [string, string][]), { replace: true });
  const firstInvalid = verify.state === "done" ? verify.result.firstInvalidId : undefined;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Audit log</h1>
      </div>

      <section className="card verify" aria-labelledby="verify-title">
        <h2 id="verify-title">Chain verification</h2>
        <p className="hint">Each entry's hash covers its content and the previous entry's hash, so a changed, removed or cut-off entry breaks the chain from there on.</p>
        <div aria-live="polite" className="verify-result" data-testid="verify-result">
          {verify.state === "checking" && <p className="muted">Checking every entry's hash…</p>}
          {verify.state === "error" && <ErrorMessage error={verify.error} title="The chain could not be verified." />}
          {verify.state === "done" && (
            verify.result.valid ? (
              <p><span className="badge verify-valid">Intact</span> All {verify.result.entries.toLocaleString()} entries verified: none has been changed or removed. <span className="hint">Checked {formatDateTime(verify.result.checkedAt)}.</span></p>
            ) : (
              <p>
                <span className="badge verify-invalid">Broken</span> The chain is broken
                {verify.result.firstInvalidId ? <> at entry <span className="mono">#{verify.result.firstInvalidId}</span></> : " at its end (entries cut off)"}
                {" "}({verify.result.entries.toLocaleString()} entries checked). Entries have been altered or removed in the database.
                {verify.result.firstInvalidId && <> <button type="button" className="link-button" onClick={() => apply({})}>Show the newest entries</button></>}
              </p>
            )
          )}
        </div>
        <button type="button" className="secondary" onClick={() => void runVerify()} disabled={verify.state === "checking"}>Verify chain</button>
      </section>

      <AuditFilters filter={filter} users={users} orgs={orgs} apply={apply} />

      <PagedStatus load={load} retry={retry} what="audit entries" empty={<p>{Object.keys(filter).length ? "No entries match these filters." : "No entries."}</p>} />

      <PagedTable load={load} loadMore={loadMore} caption="Audit entries, newest first" className="audit"
        columns={["#", "When", "Who", "What", "Target", "Change", "Hash"]}
        end={(n) => `End of the log (${n} entries shown).`}>
        {(e) => (
          <tr key={e.id} className={firstInvalid === e.id || !e.hashVerified ? "invalid" : undefined}>
            <td className="mono">{e.id}</td>
            <td className="nowrap"><time dateTime={e.at}>{formatDateTime(e.at)}</time></td>
            <td>{e.actorLabel}</td>
            <td className="mono">{e.action}</td>
            <td>{e.incidentId ? <Link to={`/incidents/${e.incidentId}`}>{e.targetType}</Link> : e.targetType}</td>
            <td><Change before={e.before} after={e.after} /></td>
            <td className="mono hash">
              <span title={e.hash}>{e.hash.slice(0, 12)}…</span>{" "}
              {e.hashVerified
                ? <span className="badge hash-ok" style={HASH_OK} title="This entry's hash matches its content and the previous hash">✓ matches</span>
                : <span className="badge hash-bad" style={HASH_BAD} title="This entry's hash does not match its content">✗ altered</span>}
            </td>
          </tr>
        )}
      </PagedTable>
    </div>
  );
}

function AuditFilters({ filter, users, orgs, apply }: { filter: Filter; users: User[]; orgs: Organization[]; apply(f: Filter): void }) {
  const [draft, setDraft] = useState<Filter>(filter);
  const [incidentRef, setIncidentRef] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const filterKey = JSON.stringify(filter);
  useEffect(() => { setDraft(JSON.parse(filterKey) as Filter); }, [filterKey]);
  // The incident filter shows the reference people know, not the id in the URL.
  const [incidentLabel, setIncidentLabel] = useState<string | null>(null);
  useEffect(() => {
    setIncidentLabel(null);
    if (!draft.incidentId) return;
    let live = true;
    api.getIncident(draft.incidentId).then((i) => live && setIncidentLabel(i.reference), () => { /* the link still works */ });
    return () => { live = false; };
  }, [draft.incidentId]);
  const set = (k: keyof Filter, v: string) => setDraft((d) => ({ ...d, [k]: v || undefined }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (draft.from && draft.to && draft.from > draft.to) return setProblem("The first day must not be after the last day.");
    let incidentId = draft.incidentId;
    const ref = incidentRef.trim();
    if (ref) {
      // Found by its reference (what people know), filtered by its id (what the log stores).
      const hit = (await api.listIncidents({ q: ref, limit: 10 }).catch(() => ({ items: [] }))).items.find((i) => i.reference.toLowerCase() === ref.toLowerCase());
      if (!hit) return setProblem(`No incident has the reference ${ref}.`);
      incidentId = hit.id;
      setIncidentRef("");
    }
    apply({ ...draft, incidentId });
  };

  return (
    <form className="filters audit-filters" role="search" aria-label="Search the audit log" onSubmit={(e) => void submit(e)} noValidate
      style={{ gridTemplateColumns: "repeat(auto-fit, minmax(10rem, 1fr))" }}>
      <div className="field">
        <label htmlFor="audit-actor">Who</label>
        <select id="audit-actor" value={draft.actorId ?? ""} onChange={(e) => set("actorId", e.target.value)}>
          <option value="">Anyone</option>
          {users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <input id="audit-action" type="text" placeholder="e.g. incident.created" value={draft.action ?? ""} onChange={(e) => set("action", e.target.value.trim())} />
      </div>
      <div className="field">
        <label htmlFor="audit-incident">Incident</label>
        {draft.incidentId ? (
          <p className="inline">
            <Link to={`/incidents/${draft.incidentId}`} className="mono">{incidentLabel ?? "One incident"}</Link>
            <button type="button" className="link-button" onClick={() => set("incidentId", "")}>Any incident</button>
          </p>
        ) : (
          <input id="audit-incident" type="text" placeholder="Reference" value={incidentRef} onChange={(e) => setIncidentRef(e.target.value)} />
        )}
      </div>
      <div className="field">
        <label htmlFor="audit-org">Organisation</label>
        <select id="audit-org" value={draft.organizationId ?? ""} onChange={(e) => set("organizationId", e.target.value)}>
          <option value="">Any</option>
          {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-from">From (day)</label>
        <input id="audit-from" type="date" value={draft.from ?? ""} onChange={(e) => set("from", e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">To (day, inclusive)</label>
        <input id="audit-to" type="date" value={draft.to ?? ""} onChange={(e) => set("to", e.target.value)} />
      </div>
      <div className="inline">
        <button type="submit" className="primary">Search</button>
        {Object.keys(filter).length > 0 && <button type="button" className="link-button" onClick={() => apply({})}>Clear filters</button>}
      </div>
      {problem && <p className="field-error" role="alert" style={{ gridColumn: "1 / -1" }}>{problem}</p>}
    </form>
  );
}

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="muted">—</span>;
  return (
    <details className="change">
      <summary>Show</summary>
      {before != null && <><p className="muted">Before</p><pre>{JSON.stringify(before, null, 2)}</pre></>}
      {after != null && <><p className="muted">After</p><pre>{JSON.stringify(after, null, 2)}</pre></>}
    </details>
  );
}
