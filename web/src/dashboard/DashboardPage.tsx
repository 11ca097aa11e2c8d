import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { api, type Category, type Severity } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage } from "../components.js";
import { currentLanguage } from "../i18n.js";
import { SEVERITY_LABELS, formatDate, formatHours, useTitle } from "../format.js";
import { metricsSummary, type MetricsSummary } from "./api.js";
import { ChartTable } from "./ChartTable.js";
import { OperationsCard } from "./Operations.js";
import { monthsOf, periodFrom, periodInstants, presets, type Period } from "./period.js";
import "./dashboard.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; summary: MetricsSummary };

const COLORS = { count: "#1d4ed8", median: "#1d4ed8", p90: "#b45309", controller: "#0f766e", sent: "#6d28d9", acknowledged: "#15803d" };
const monthLabel = (key: string) => new Date(`${key}-01T00:00:00Z`).toLocaleDateString(currentLanguage(), { month: "short", year: "numeric", timeZone: "UTC" });

/** /dashboard — incidents, response times, obligations, follow-ups and controllers for a period. */
export function DashboardPage() {
  const { t } = useTranslation();
  useTitle(t("common:nav.dashboard"));
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const period = periodFrom(params);
  const [draft, setDraft] = useState<Period>(period);
  const [formError, setFormError] = useState<string | null>(null);
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [taxonomy, setTaxonomy] = useState<Category[]>([]);
  const allowed = can("metrics.read");

  useEffect(() => { setDraft(period); }, [period.from, period.to]);
  useEffect(() => { if (allowed) api.taxonomy().then(setTaxonomy, () => setTaxonomy([])); }, [allowed]);
  useEffect(() => {
    if (!allowed) return;
    const ctl = new AbortController();
    const range = periodInstants(period);
    setLoad({ state: "loading" });
    metricsSummary(range.from, range.to, ctl.signal).then(
      (summary) => setLoad({ state: "ready", summary }),
      (error: unknown) => { if (!ctl.signal.aborted) setLoad({ state: "error", error }); },
    );
    return () => ctl.abort();
  }, [allowed, period.from, period.to, attempt]);

  const show = (p: Period) => {
    if (!p.from || !p.to) return setFormError(t("dashboard:period.both"));
    if (p.from > p.to) return setFormError(t("dashboard:period.order"));
    setFormError(null);
    setParams(new URLSearchParams({ from: p.from, to: p.to }), { replace: true });
  };
  const submit = (e: FormEvent) => { e.preventDefault(); show(draft); };

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>{t("common:nav.dashboard")}</h1>
        <p className="alert alert-info">{t("dashboard:noAccess")}</p>
      </div>
    );

  return (
    <div className="page dashboard">
      <div className="page-head"><h1>{t("common:nav.dashboard")}</h1></div>
      <form className="filters period-picker" role="search" aria-label={t("dashboard:period.label")} onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="period-from">{t("dashboard:period.from")}</label>
          <input id="period-from" type="date" value={draft.from} max={draft.to || undefined} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="period-to">{t("dashboard:period.to")}</label>
          <input id="period-to" type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <button type="submit" className="primary">{t("dashboard:period.show")}</button>
        <div className="presets" role="group" aria-label={t("dashboard:period.quick")}>
          {presets().map((p) => (
            <button key={p.key} type="button" className="secondary" aria-pressed={p.period.from === period.from && p.period.to === period.to}
              onClick={() => show(p.period)}>{t(`dashboard:preset.${p.key}`)}</button>
          ))}
        </div>
        {formError && <p className="field-error" role="alert">{formError}</p>}
      </form>

      <div aria-live="polite" aria-busy={load.state === "loading"}>
        {load.state === "loading" && <p className="muted loading">{t("dashboard:loading")}</p>}
        {load.state === "error" && (
          <div>
            <ErrorMessage error={load.error} title={t("dashboard:loadFailed")} />
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t("common:paging.retry")}</button>
          </div>
        )}
      </div>
      {load.state === "ready" && <Summary summary={load.summary} period={period} taxonomy={taxonomy} />}
    </div>
  );
}

function Summary({ summary: s, period, taxonomy }: { summary: MetricsSummary; period: Period; taxonomy: Category[] }) {
  const { t } = useTranslation();
  const total = s.byCategory.reduce((n, c) => n + c.count, 0);
  const months = useMemo(() => monthsOf(period, s.byMonth).map((m) => ({ label: monthLabel(m.key), count: m.count })), [s, period.from, period.to]);
  const categoryLabel = (key: string) => (key === "unclassified" ? t("dashboard:notClassified") : taxonomy.find((c) => c.id === key)?.label ?? key);
  const categories = s.byCategory.map((c) => ({ label: categoryLabel(c.key), count: c.count }));
  const severities = s.bySeverity.map((c) => ({ key: c.key, label: SEVERITY_LABELS[c.key as Severity] ?? t("dashboard:notRated"), count: c.count }));
  const durations = [
    { label: t("dashboard:timeToTriage"), ...s.timeToTriageHours },
    { label: t("dashboard:timeToResolve"), ...s.timeToResolveHours },
  ];
  const controllers = s.perOrganization.map(({ name, acknowledgedHours, ...o }) => ({ label: name, ...o, ackMedian: acknowledgedHours.median, ackMax: acknowledgedHours.max }));
  const periodText = `${formatDate(s.period.from)} – ${formatDate(new Date(new Date(s.period.to).getTime() - 1).toISOString())}`;

  return (
    <>
      <p className="lead">{t("dashboard:lead", { period: periodText })}</p>
      <ul className="stat-tiles" aria-label={t("dashboard:keyFigures")}>
        <Tile label={t("dashboard:tile.inPeriod")} value={total.toLocaleString(currentLanguage())} />
        <Tile label={t("dashboard:tile.open")} value={s.openIncidents.toLocaleString(currentLanguage())} to="/incidents" />
        <Tile label={t("dashboard:tile.onTime")} value={s.obligations.onTimePercent === null ? "—" : `${s.obligations.onTimePercent} %`}
          hint={t("dashboard:tile.onTimeHint", { onTime: s.obligations.on_time, done: s.obligations.done })} />
        <Tile label={t("dashboard:tile.followUps")} value={String(s.followUps.open)} to="/follow-ups?status=open"
          hint={t("dashboard:tile.overdue", { n: s.followUps.overdue })} warn={s.followUps.overdue > 0} />
      </ul>

      <div className="dash-grid">
        <ChartTable id="by-month" title={t("dashboard:byMonth")} rowHeader={t("dashboard:month")} rows={months} total
          series={[{ key: "count", name: t("incident:list.title"), color: COLORS.count }]} empty={t("dashboard:noneDetected")} />
        <ChartTable id="by-category" title={t("dashboard:byCategory")} rowHeader={t("incident:sec.category")} rows={categories} total
          series={[{ key: "count", name: t("incident:list.title"), color: COLORS.count }]} empty={t("dashboard:noneDetected")} />
        <ChartTable id="by-severity" title={t("dashboard:bySeverity")} rowHeader={t("incident:list.severity")} rows={severities} total
          series={[{ key: "count", name: t("incident:list.title"), color: COLORS.count, link: (r) => (r.key in SEVERITY_LABELS ? `/incidents?severity=${r.key}` : undefined) }]}
          empty={t("dashboard:noneDetected")} note={t("dashboard:severityNote")} />
      </div>

      <div className="dash-grid">
        <ChartTable id="durations" title={t("dashboard:responseTimes")} rowHeader={t("dashboard:measure")} rows={durations}
          lead={t("dashboard:responseLead")}
          series={[
            { key: "median", name: t("dashboard:median"), color: COLORS.median, format: formatHours },
            { key: "p90", name: t("dashboard:p90"), color: COLORS.p90, format: formatHours },
            { key: "count", name: t("incident:list.title"), color: "", tableOnly: true },
          ]} empty={t("dashboard:noneTriaged")} />
        <Obligations summary={s} />
        <FollowUps summary={s} />
        <OperationsCard period={period} />
      </div>

      <ChartTable id="controllers" title={t("dashboard:perController")} rowHeader={t("dashboard:organisation")} rows={controllers} horizontal
        lead={t("dashboard:controllerLead")}
        series={[
          { key: "incidents", name: t("incident:list.title"), color: COLORS.controller },
          { key: "noticesDue", name: t("dashboard:noticesDue"), color: COLORS.count },
          { key: "noticesOnTime", name: t("dashboard:noticesOnTime"), color: COLORS.p90 },
          { key: "noticesSent", name: t("dashboard:noticesSent"), color: COLORS.sent },
          { key: "noticesAcknowledged", name: t("dashboard:acknowledged"), color: COLORS.acknowledged },
          { key: "ackMedian", name: t("dashboard:ackMedian"), color: "", format: formatHours, tableOnly: true },
          { key: "ackMax", name: t("dashboard:ackMax"), color: "", format: formatHours, tableOnly: true },
        ]} empty={t("dashboard:noneControllers")} />
    </>
  );
}

function Tile({ label, value, hint, to, warn }: { label: string; value: string; hint?: string; to?: string; warn?: boolean }) {
  return (
    <li className={`stat-tile${warn ? " warn" : ""}`}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{to ? <Link to={to}>{value}</Link> : value}</span>
      {hint && <span className="stat-hint">{hint}</span>}
    </li>
  );
}

function Obligations({ summary: s }: { summary: MetricsSummary }) {
  const { t } = useTranslation();
  const o = s.obligations;
  const rows: [string, number | string, string?][] = [
    [t("dashboard:ob.done"), o.done], [t("dashboard:ob.doneOnTime"), o.on_time], [t("dashboard:ob.metOnTime"), o.onTimePercent === null ? "—" : `${o.onTimePercent} %`],
    [t("dashboard:ob.pending"), o.pending, "/deadlines"], [t("dashboard:ob.overdueNow"), o.overdue, "/deadlines"], [t("dashboard:ob.waived"), o.waived],
  ];
  return (
    <section className="card dash-card" aria-labelledby="obligations-title" id="obligations">
      <h2 id="obligations-title">{t("dashboard:obligations")}</h2>
      <p className="section-lead">{t("dashboard:obligationsLead")}</p>
      <FigureTable caption={t("dashboard:obligations")} rows={rows} />
    </section>
  );
}

function FollowUps({ summary: s }: { summary: MetricsSummary }) {
  const { t } = useTranslation();
  const f = s.followUps;
  const rows: [string, number, string?][] = [
    [t("dashboard:fu.open"), f.open, "/follow-ups?status=open"], [t("dashboard:fu.overdue"), f.overdue, "/follow-ups?status=open&overdue=true"], [t("dashboard:ob.done"), f.done, "/follow-ups?status=done"],
  ];
  return (
    <section className="card dash-card" aria-labelledby="followups-title" id="followups">
      <h2 id="followups-title">{t("dashboard:followUps")}</h2>
      <p className="section-lead">{t("dashboard:followUpsLead")}</p>
      <FigureTable caption={t("dashboard:followUps")} rows={rows} />
    </section>
  );
}

function FigureTable({ caption, rows }: { caption: string; rows: [string, number | string, string?][] }) {
  return (
    <div className="table-wrap">
      <table className="dash-table">
        <caption className="visually-hidden">{caption}</caption>
        <tbody>
          {rows.map(([label, value, to]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{to && value ? <Link to={to}>{value}</Link> : value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
