import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { api, type Category, type Severity } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage } from "../components.js";
import { SEVERITY_LABELS, formatDate, formatHours, useTitle } from "../format.js";
import { metricsSummary, type MetricsSummary } from "./api.js";
import { ChartTable } from "./ChartTable.js";
import { OperationsCard } from "./Operations.js";
import { monthsOf, periodFrom, periodInstants, presets, type Period } from "./period.js";
import "./dashboard.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; summary: MetricsSummary };

const COLORS = { count: "#1d4ed8", median: "#1d4ed8", p90: "#b45309", controller: "#0f766e", sent: "#6d28d9", acknowledged: "#15803d" };
const monthLabel = (key: string) => new Date(`${key}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** /dashboard — incidents, response times, obligations, follow-ups and controllers for a period. */
export function DashboardPage() {
  useTitle("Dashboard");
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
    if (!p.from || !p.to) return setFormError("Choose both the first and the last day.");
    if (p.from > p.to) return setFormError("The first day must not be after the last day.");
    setFormError(null);
    setParams(new URLSearchParams({ from: p.from, to: p.to }), { replace: true });
  };
  const submit = (e: FormEvent) => { e.preventDefault(); show(draft); };

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>Dashboard</h1>
        <p className="alert alert-info">Your role cannot read the metrics. They are open to administrators, incident owners, privacy officers and auditors.</p>
      </div>
    );

  return (
    <div className="page dashboard">
      <div className="page-head"><h1>Dashboard</h1></div>
      <form className="filters period-picker" role="search" aria-label="Period" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="period-from">First day</label>
          <input id="period-from" type="date" value={draft.from} max={draft.to || undefined} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="period-to">Last day</label>
          <input id="period-to" type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <button type="submit" className="primary">Show</button>
        <div className="presets" role="group" aria-label="Quick periods">
          {presets().map((p) => (
            <button key={p.label} type="button" className="secondary" aria-pressed={p.period.from === period.from && p.period.to === period.to}
              onClick={() => show(p.period)}>{p.label}</button>
          ))}
        </div>
        {formError && <p className="field-error" role="alert">{formError}</p>}
      </form>

      <div aria-live="polite" aria-busy={load.state === "loading"}>
        {load.state === "loading" && <p className="muted loading">Loading the numbers…</p>}
        {load.state === "error" && (
          <div>
            <ErrorMessage error={load.error} title="The numbers could not be loaded." />
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>Try again</button>
          </div>
        )}
      </div>
      {load.state === "ready" && <Summary summary={load.summary} period={period} taxonomy={taxonomy} />}
    </div>
  );
}

function Summary({ summary: s, period, taxonomy }: { summary: MetricsSummary; period: Period; taxonomy: Category[] }) {
  const total = s.byCategory.reduce((n, c) => n + c.count, 0);
  const months = useMemo(() => monthsOf(period, s.byMonth).map((m) => ({ label: monthLabel(m.key), count: m.count })), [s, period.from, period.to]);
  const categoryLabel = (key: string) => (key === "unclassified" ? "Not classified" : taxonomy.find((c) => c.id === key)?.label ?? key);
  const categories = s.byCategory.map((c) => ({ label: categoryLabel(c.key), count: c.count }));
  const severities = s.bySeverity.map((c) => ({ key: c.key, label: SEVERITY_LABELS[c.key as Severity] ?? "Not rated", count: c.count }));
  const durations = [
    { label: "Time to triage", ...s.timeToTriageHours },
    { label: "Time to resolve", ...s.timeToResolveHours },
  ];
  const controllers = s.perOrganization.map(({ name, acknowledgedHours, ...o }) => ({ label: name, ...o, ackMedian: acknowledgedHours.median, ackMax: acknowledgedHours.max }));
  const periodText = `${formatDate(s.period.from)} – ${formatDate(new Date(new Date(s.period.to).getTime() - 1).toISOString())}`;

  return (
    <>
      <p className="lead">Incidents detected {periodText}. Open incidents and follow-up actions are counted as they stand now.</p>
      <ul className="stat-tiles" aria-label="Key figures">
        <Tile label="Incidents in the period" value={total.toLocaleString("en-GB")} />
        <Tile label="Open incidents now" value={s.openIncidents.toLocaleString("en-GB")} to="/incidents" />
        <Tile label="Obligations met on time" value={s.obligations.onTimePercent === null ? "—" : `${s.obligations.onTimePercent} %`}
          hint={`${s.obligations.on_time} of ${s.obligations.done} done`} />
        <Tile label="Open follow-up actions" value={String(s.followUps.open)} to="/follow-ups?status=open"
          hint={`${s.followUps.overdue} overdue`} warn={s.followUps.overdue > 0} />
      </ul>

      <div className="dash-grid">
        <ChartTable id="by-month" title="Incidents by month" rowHeader="Month" rows={months} total
          series={[{ key: "count", name: "Incidents", color: COLORS.count }]} empty="No incidents detected in this period." />
        <ChartTable id="by-category" title="Incidents by category" rowHeader="Category" rows={categories} total
          series={[{ key: "count", name: "Incidents", color: COLORS.count }]} empty="No incidents detected in this period." />
        <ChartTable id="by-severity" title="Incidents by severity" rowHeader="Severity" rows={severities} total
          series={[{ key: "count", name: "Incidents", color: COLORS.count, link: (r) => (r.key in SEVERITY_LABELS ? `/incidents?severity=${r.key}` : undefined) }]}
          empty="No incidents detected in this period." note="A number opens the incident list with that severity (all periods)." />
      </div>

      <div className="dash-grid">
        <ChartTable id="durations" title="Response times" rowHeader="Measure" rows={durations}
          lead="From detection, in hours: the median and the 90th percentile (nine in ten were faster), over the incidents triaged or resolved."
          series={[
            { key: "median", name: "Median", color: COLORS.median, format: formatHours },
            { key: "p90", name: "90th percentile", color: COLORS.p90, format: formatHours },
            { key: "count", name: "Incidents", color: "", tableOnly: true },
          ]} empty="No incident in this period has been triaged yet." />
        <Obligations summary={s} />
        <FollowUps summary={s} />
        <OperationsCard period={period} />
      </div>

      <ChartTable id="controllers" title="Per controller" rowHeader="Organisation" rows={controllers} horizontal
        lead="Incidents in the period that touched each customer's data, their notices under GDPR Art. 33(2) (due and on time, sent, acknowledged), and the hours from sending a notice to its acknowledgement."
        series={[
          { key: "incidents", name: "Incidents", color: COLORS.controller },
          { key: "noticesDue", name: "Notices due", color: COLORS.count },
          { key: "noticesOnTime", name: "Notices on time", color: COLORS.p90 },
          { key: "noticesSent", name: "Notices sent", color: COLORS.sent },
          { key: "noticesAcknowledged", name: "Acknowledged", color: COLORS.acknowledged },
          { key: "ackMedian", name: "Median time to acknowledge", color: "", format: formatHours, tableOnly: true },
          { key: "ackMax", name: "Longest time to acknowledge", color: "", format: formatHours, tableOnly: true },
        ]} empty="No incident in this period touched a customer's data." />
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
  const o = s.obligations;
  const rows: [string, number | string, string?][] = [
    ["Done", o.done], ["Done on time", o.on_time], ["Met on time", o.onTimePercent === null ? "—" : `${o.onTimePercent} %`],
    ["Pending", o.pending, "/deadlines"], ["Overdue now", o.overdue, "/deadlines"], ["Waived", o.waived],
  ];
  return (
    <section className="card dash-card" aria-labelledby="obligations-title" id="obligations">
      <h2 id="obligations-title">Obligations</h2>
      <p className="section-lead">Breach obligations (authority reports, controller notices…) of the incidents in the period.</p>
      <FigureTable caption="Obligations" rows={rows} />
    </section>
  );
}

function FollowUps({ summary: s }: { summary: MetricsSummary }) {
  const f = s.followUps;
  const rows: [string, number, string?][] = [
    ["Open", f.open, "/follow-ups?status=open"], ["Overdue", f.overdue, "/follow-ups?status=open&overdue=true"], ["Done", f.done, "/follow-ups?status=done"],
  ];
  return (
    <section className="card dash-card" aria-labelledby="followups-title" id="followups">
      <h2 id="followups-title">Follow-up actions</h2>
      <p className="section-lead">Improvements agreed in follow-up reviews, across all incidents, as they stand now.</p>
      <FigureTable caption="Follow-up actions" rows={rows} />
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
