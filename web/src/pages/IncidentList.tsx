import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { INCIDENT_STATUSES, type IncidentStatus } from "../../../shared/lifecycle.js";
import { api, type ListIncidentsFilter, type Severity } from "../api.js";
import { useAuth } from "../auth.js";
import { PersonalDataBadge, SeverityBadge, StatusBadge } from "../components.js";
import { PagedStatus, PagedTable, usePaged } from "../paging.js";
import { SEVERITY_LABELS, STATUS_LABELS, formatDateTime, relativeTime, useDebounced, useNow, useTitle } from "../format.js";
import { NextDeadline } from "../reports/NextDeadline.js";

const PAGE_SIZE = 50;
const SEVERITIES = Object.keys(SEVERITY_LABELS) as Severity[];

export function IncidentListPage() {
  useTitle("Incidents");
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") ?? "") as IncidentStatus | "";
  const severity = (params.get("severity") ?? "") as Severity | "";
  const owner = params.get("owner") ?? "";
  const q = params.get("q") ?? "";
  const [search, setSearch] = useState(q);
  const debounced = useDebounced(search.trim(), 300);
  const now = useNow(30_000);

  const setParam = useCallback((key: string, value: string) => {
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (value) p.set(key, value);
      else p.delete(key);
      return p;
    }, { replace: true });
  }, [setParams]);

  // The search box drives ?q= once typing settles (only when the settled text changes).
  const lastDebounced = useRef(debounced);
  useEffect(() => {
    if (debounced === lastDebounced.current) return;
    lastDebounced.current = debounced;
    if (debounced !== q) setParam("q", debounced);
  }, [debounced, q, setParam]);
  // ...and follows it when the URL changes (back button, "Clear filters").
  useEffect(() => {
    setSearch((s) => (s.trim() === q ? s : q));
  }, [q]);

  const filter: ListIncidentsFilter = {
    status: status || undefined,
    severity: severity || undefined,
    owner: (owner || undefined) as ListIncidentsFilter["owner"],
    q: q || undefined,
    limit: PAGE_SIZE,
  };
  const filterKey = JSON.stringify(filter);

  const { load, loadMore, retry } = usePaged(filterKey, (cursor, signal) =>
    api.listIncidents({ ...(JSON.parse(filterKey) as ListIncidentsFilter), cursor }, signal));

  const filtered = Boolean(status || severity || owner || q);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Incidents</h1>
        {can("incident.create") && <Link to="/incidents/new" className="button primary">Log incident</Link>}
      </div>

      <form className="filters" role="search" aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="f-q">Search</label>
          <input id="f-q" type="search" maxLength={200} placeholder="Reference, title or description" value={search}
            onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" value={status} onChange={(e) => setParam("status", e.target.value)}>
            <option value="">Any status</option>
            {INCIDENT_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-severity">Severity</label>
          <select id="f-severity" value={severity} onChange={(e) => setParam("severity", e.target.value)}>
            <option value="">Any severity</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-owner">Owner</label>
          <select id="f-owner" value={owner} onChange={(e) => setParam("owner", e.target.value)}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">No owner yet</option>
          </select>
        </div>
        {filtered && (
          <button type="button" className="link-button" onClick={() => { setSearch(""); setParams(new URLSearchParams(), { replace: true }); }}>
            Clear filters
          </button>
        )}
      </form>

      <PagedStatus load={load} retry={retry} what="incidents" empty={filtered ? (
        <p>No incidents match these filters.</p>
      ) : (
        <>
          <p><strong>No incidents yet.</strong> When something happens, log it here — it takes under a minute.</p>
          {can("incident.create") && <Link to="/incidents/new" className="button primary">Log the first incident</Link>}
        </>
      )} />

      <PagedTable load={load} loadMore={loadMore} caption="Incidents, newest first" className="incidents"
        columns={["Reference", "Title", "Status", "Severity", "Next deadline", "Owner", "Opened"]}
        end={(n) => (n === 1 ? "1 incident shown." : `All ${n} incidents shown.`)}>
        {(i) => {
          const active = i.status !== "resolved" && i.status !== "closed";
          return (
            <tr key={i.id} className={active ? undefined : "inactive"}>
              <td className="mono nowrap"><Link to={`/incidents/${i.id}`}>{i.reference}</Link></td>
              <td className="cell-title">
                <Link to={`/incidents/${i.id}`} className="title-link">{i.title}</Link>{" "}
                <PersonalDataBadge value={i.personalData} />
                {i.restricted && <span className="badge badge-restricted">Restricted</span>}
              </td>
              <td><StatusBadge status={i.status} /></td>
              <td><SeverityBadge severity={i.severity} /></td>
              <td className="nowrap"><NextDeadline dueAt={i.nextDeadline} now={now} /></td>
              <td>{i.owner ? <><span className="mobile-label">Owner: </span>{i.owner.name}</> : <span className="muted">No owner</span>}</td>
              <td className="nowrap">
                <span className="mobile-label">Opened </span>
                <time dateTime={i.createdAt} title={`Opened ${formatDateTime(i.createdAt)}; detected ${formatDateTime(i.detectedAt)}`}>
                  {active ? <strong>{relativeTime(i.createdAt, now)}</strong> : relativeTime(i.createdAt, now)}
                </time>
              </td>
            </tr>
          );
        }}
      </PagedTable>
    </div>
  );
}
