import { useCallback, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { INCIDENT_STATUSES, type IncidentStatus } from "../../../shared/lifecycle.js";
import { api, registerExportUrl } from "../api.js";
import { useAuth } from "../auth.js";
import { StatusBadge } from "../components.js";
import { PagedStatus, PagedTable, usePaged } from "../paging.js";
import { STATUS_LABELS, formatDate, formatDateTime, readerParams, useTitle } from "../format.js";
import { currentLanguage } from "../i18n.js";
import { BandBadge } from "../breach/SeverityView.js";
import type { Band, Organization, RegisterEntry, RegisterFilter } from "../breach/types.js";

/** A local date (yyyy-mm-dd) as the instant its day starts, or the next day's start for an inclusive "to". */
function dayStart(value: string, nextDay = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const d = new Date(`${value}T00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (nextDay) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

/** The Art. 33(5) breach register: every personal-data incident, notified or not, with export. */
export function RegisterPage() {
  const { t } = useTranslation();
  useTitle(t("admin:register.title"));
  const { can } = useAuth();
  const allowed = can("register.read");
  const [params, setParams] = useSearchParams();
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const organizationId = params.get("organizationId") ?? "";
  const status = (params.get("status") ?? "") as IncidentStatus | "";
  const [organizations, setOrganizations] = useState<Organization[]>([]);

  const filter: RegisterFilter = {
    from: dayStart(from), to: dayStart(to, true), organizationId: organizationId || undefined, status: status || undefined,
  };
  const filterKey = JSON.stringify(filter);
  const filtered = Boolean(from || to || organizationId || status);

  const setParam = useCallback((key: string, value: string) => {
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (value) p.set(key, value);
      else p.delete(key);
      return p;
    }, { replace: true });
  }, [setParams]);

  useEffect(() => {
    if (allowed && can("organization.read")) api.organizations().then((r) => setOrganizations(r.items), () => setOrganizations([]));
  }, [allowed, can]);

  // Keyset pages from the server; the export links below give every entry.
  const { load, loadMore, retry } = usePaged(filterKey, async (cursor, signal) =>
    api.breachRegister({ ...(JSON.parse(filterKey) as RegisterFilter), ...(cursor ? { cursor } : {}) }, signal), allowed);

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>{t("admin:register.title")}</h1>
        <p className="alert alert-info">{t("admin:register.notAllowed")}</p>
      </div>
    );

  const exportFilter = JSON.parse(filterKey) as RegisterFilter;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("admin:register.title")}</h1>
        <div className="inline">
          <a className="button secondary" href={registerExportUrl({ ...exportFilter, format: "csv", ...readerParams() })} download="breach-register.csv">{t("admin:register.exportCsv")}</a>
          <a className="button secondary" href={registerExportUrl({ ...exportFilter, format: "json" })} target="_blank" rel="noreferrer">{t("admin:register.exportJson")}</a>
        </div>
      </div>
      <p className="lead">{t("admin:register.lead")}</p>

      <form className="filters register-filters" role="search" aria-label={t("admin:register.filterLabel")} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="r-from">{t("admin:register.detectedFrom")}</label>
          <input id="r-from" type="date" value={from} onChange={(e) => setParam("from", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="r-to">{t("admin:register.detectedTo")}</label>
          <input id="r-to" type="date" value={to} onChange={(e) => setParam("to", e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="r-org">{t("admin:register.organisation")}</label>
          <select id="r-org" value={organizationId} onChange={(e) => setParam("organizationId", e.target.value)}>
            <option value="">{t("admin:register.anyOrganisation")}</option>
            {organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="r-status">{t("admin:register.status")}</label>
          <select id="r-status" value={status} onChange={(e) => setParam("status", e.target.value)}>
            <option value="">{t("admin:register.anyStatus")}</option>
            {INCIDENT_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        {filtered && <button type="button" className="link-button" onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t("admin:clearFilters")}</button>}
      </form>

      <PagedStatus load={load} retry={retry} what={t("admin:register.what")}
        empty={<p>{filtered ? t("admin:register.noMatch") : t("admin:register.empty")}</p>} />

      <PagedTable load={load} loadMore={loadMore} caption={t("admin:register.caption")} className="register"
        columns={["incident", "detected", "severity", "organisations", "decision", "obligations"].map((c) => t(`admin:register.columns.${c}`))}
        end={(n) => t("admin:register.end", { count: n })}>
        {(e: RegisterEntry) => <RegisterRow key={e.incidentId} e={e} />}
      </PagedTable>
    </div>
  );
}

function RegisterRow({ e }: { e: RegisterEntry }) {
  const { t } = useTranslation();
  const yesNo = (b: boolean) => (b ? t("admin:yes") : t("admin:no"));
  const decision = e.decisions[e.decisions.length - 1];
  const live = e.obligations.filter((o) => !o.obsolete);
  return (
    <tr>
      <td>
        <Link to={`/incidents/${e.incidentId}`} className="title-link"><span className="mono">{e.reference}</span> {e.title}</Link>
        <div><StatusBadge status={e.status as IncidentStatus} /></div>
        {e.entry.status === "not_a_breach" && (
          <p className="hint"><span className="badge">{t("admin:register.notABreach")}</span> {e.entry.reason}{e.entry.decidedBy && <> ({e.entry.decidedBy.name})</>}</p>
        )}
        {e.effects.dataCategories.length > 0 && <p className="hint">{t("admin:register.data", { categories: e.effects.dataCategories.join(", ") })}{e.effects.approxSubjects != null && <>; {t("admin:register.people", { count: e.effects.approxSubjects, n: e.effects.approxSubjects.toLocaleString(currentLanguage()) })}</>}</p>}
      </td>
      <td className="nowrap">
        {formatDate(e.detectedAt)}
        <div className="hint">{e.awareAt ? t("admin:register.aware", { at: formatDateTime(e.awareAt) }) : t("admin:register.notAssessed")}</div>
      </td>
      <td>{e.effects.severity ? <BandBadge band={e.effects.severity.band as Band} score={e.effects.severity.score} /> : <span className="muted">—</span>}</td>
      <td>{e.affectedOrganizations.length ? e.affectedOrganizations.map((o) => o.name).sort((a, b) => a.localeCompare(b)).join(", ") : <span className="muted">{t("admin:register.noneMarked")}</span>}</td>
      <td>
        {decision ? (
          <>
            {t("admin:register.decisionText", { authority: yesNo(decision.notifyAuthority), people: yesNo(decision.notifyDataSubjects) })}
            {decision.againstRecommendation && <div><span className="badge against">{t("admin:register.againstRecommendation")}</span></div>}
            {decision.rationale && <p className="hint">{decision.rationale}</p>}
          </>
        ) : <span className="muted">{t("admin:register.notDecided")}</span>}
      </td>
      <td>
        {live.length ? (
          <ul className="register-obligations">
            {live.map((o) => (
              <li key={o.id}>
                {o.title} → {o.creditor}: <strong>{t(`admin:register.obligation.${o.status === "done" ? (o.metOnTime === false ? "doneLate" : "done") : o.status === "waived" ? "waived" : Date.parse(o.dueAt) < Date.now() ? "overdue" : "pending"}`)}</strong>
              </li>
            ))}
          </ul>
        ) : <span className="muted">{t("admin:register.none")}</span>}
      </td>
    </tr>
  );
}
