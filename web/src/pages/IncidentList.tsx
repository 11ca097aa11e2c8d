import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { INCIDENT_STATUSES, type IncidentStatus } from "../../../shared/lifecycle.js";
import { api, type ListIncidentsFilter, type Severity } from "../api.js";
import { useAuth } from "../auth.js";
import { PersonalDataBadge, SeverityBadge, StatusBadge } from "../components.js";
import { PagedStatus, PagedTable, usePaged } from "../paging.js";
import { SEVERITY_LABELS, STATUS_LABELS, formatDateTime, relativeTime, useDebounced, useNow, useTitle } from "../format.js";
import { NextDeadline } from "../reports/NextDeadline.js";
import { useLiveList } from "../live/useLiveList.js";

const PAGE_SIZE = 50;
const SEVERITIES = Object.keys(SEVERITY_LABELS) as Severity[];

export function IncidentListPage() {
  const { t } = useTranslation();
  useTitle(t("incident:list.title"));
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

  const { load, loadMore, refresh, retry } = usePaged(filterKey, (cursor, signal) =>
    api.listIncidents({ ...(JSON.parse(filterKey) as ListIncidentsFilter), cursor }, signal));

  // Incidents logged or changed by others appear without a reload.
  useLiveList(refresh);

  const filtered = Boolean(status || severity || owner || q);

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("incident:list.title")}</h1>
        {can("incident.create") && <Link to="/incidents/new" className="button primary">{t("common:nav.logIncident")}</Link>}
      </div>

      <form className="filters" role="search" aria-label={t("incident:list.filter")} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="f-q">{t("incident:list.search")}</label>
          <input id="f-q" type="search" maxLength={200} placeholder={t("incident:list.searchHint")} value={search}
            onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("incident:list.status")}</label>
          <select id="f-status" value={status} onChange={(e) => setParam("status", e.target.value)}>
            <option value="">{t("incident:list.anyStatus")}</option>
            {INCIDENT_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-severity">{t("incident:list.severity")}</label>
          <select id="f-severity" value={severity} onChange={(e) => setParam("severity", e.target.value)}>
            <option value="">{t("incident:list.anySeverity")}</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-owner">{t("incident:list.owner")}</label>
          <select id="f-owner" value={owner} onChange={(e) => setParam("owner", e.target.value)}>
            <option value="">{t("incident:list.anyone")}</option>
            <option value="me">{t("incident:list.me")}</option>
            <option value="none">{t("incident:list.noOwnerYet")}</option>
          </select>
        </div>
        {filtered && (
          <button type="button" className="link-button" onClick={() => { setSearch(""); setParams(new URLSearchParams(), { replace: true }); }}>
            {t("incident:list.clearFilters")}
          </button>
        )}
      </form>

      <PagedStatus load={load} retry={retry} what={t("incident:list.what")} empty={filtered ? (
        <p>{t("incident:list.noMatch")}</p>
      ) : (
        <>
          <p><strong>{t("incident:list.emptyTitle")}</strong> {t("incident:list.emptyText")}</p>
          {can("incident.create") && <Link to="/incidents/new" className="button primary">{t("incident:list.logFirst")}</Link>}
        </>
      )} />

      <PagedTable load={load} loadMore={loadMore} caption={t("incident:list.caption")} className="incidents"
        columns={[t("incident:list.col.reference"), t("incident:list.col.title"), t("incident:list.status"), t("incident:list.severity"),
          t("incident:list.col.nextDeadline"), t("incident:list.owner"), t("incident:list.col.opened")]}
        end={(n) => t("incident:list.end", { count: n })}>
        {(i) => {
          const active = i.status !== "resolved" && i.status !== "closed";
          return (
            <tr key={i.id} className={active ? undefined : "inactive"}>
              <td className="mono nowrap"><Link to={`/incidents/${i.id}`}>{i.reference}</Link></td>
              <td className="cell-title">
                <Link to={`/incidents/${i.id}`} className="title-link">{i.title}</Link>{" "}
                <PersonalDataBadge value={i.personalData} />
                {i.restricted && <span className="badge badge-restricted">{t("incident:list.restricted")}</span>}
              </td>
              <td><StatusBadge status={i.status} /></td>
              <td><SeverityBadge severity={i.severity} /></td>
              <td className="nowrap"><NextDeadline dueAt={i.nextDeadline} now={now} /></td>
              <td>{i.owner ? <><span className="mobile-label">{t("incident:list.ownerLabel")} </span>{i.owner.name}</> : <span className="muted">{t("incident:list.noOwner")}</span>}</td>
              <td className="nowrap">
                <span className="mobile-label">{t("incident:list.col.opened")} </span>
                <time dateTime={i.createdAt} title={t("incident:list.openedDetected", { opened: formatDateTime(i.createdAt), detected: formatDateTime(i.detectedAt) })}>
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
