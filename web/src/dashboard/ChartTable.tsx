/**
 * A bar chart (recharts, SVG) with the same numbers in a table beneath it: the chart is for
 * seeing the shape at a glance, the table is what screen readers and auditors read.
 */
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../i18n.js";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

export interface Series<R> {
  key: keyof R & string;
  name: string;
  color: string;
  /** Where the number leads (a filtered list), if anywhere. */
  link?: (row: R) => string | undefined;
  format?: (v: number | null) => string;
  /** Shown in the table only (e.g. how many incidents a percentile was taken over). */
  tableOnly?: boolean;
}

const plain = (v: number | null) => (v === null ? "—" : v.toLocaleString(currentLanguage()));

export function ChartTable<R extends { label: string }>({ id, title, lead, rowHeader, series, rows, empty, total, note, horizontal }: {
  id: string;
  title: string;
  lead?: ReactNode;
  rowHeader: string;
  series: Series<R>[];
  rows: R[];
  empty: string;
  /** Add a total row (counts only). */
  total?: boolean;
  note?: ReactNode;
  /** Bars run sideways (long labels such as organisation names). */
  horizontal?: boolean;
}) {
  const { t } = useTranslation();
  const height = horizontal ? Math.max(120, 36 * rows.length + 40) : 240;
  const hasData = rows.some((r) => series.some((s) => typeof r[s.key] === "number" && (r[s.key] as number) > 0));
  return (
    <section className="card dash-card" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {lead && <p className="section-lead">{lead}</p>}
      {!hasData ? (
        <p className="muted empty-chart">{empty}</p>
      ) : (
        <div className="chart" role="img" aria-label={t("dashboard:chart.label", { title })}>
          <BarChart responsive style={{ width: "100%", height }} data={rows} accessibilityLayer={false}
            layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 8, right: 16, bottom: 4, left: horizontal ? 8 : 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={Boolean(horizontal)} horizontal={!horizontal} />
            {horizontal ? (
              <>
                <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} />
              </>
            ) : (
              <>
                <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
                <YAxis allowDecimals={series.some((s) => s.format)} width={40} tick={{ fontSize: 12 }} />
              </>
            )}
            <Tooltip />
            {series.filter((s) => !s.tableOnly).length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
            {series.filter((s) => !s.tableOnly).map((s) => <Bar key={s.key} dataKey={s.key as string} name={s.name} fill={s.color} isAnimationActive={false} />)}
          </BarChart>
        </div>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="dash-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeader}</th>
                {series.map((s) => <th key={s.key} scope="col" className="num">{s.name}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  {series.map((s) => {
                    const v = (r[s.key] as number | null) ?? null;
                    const text = (s.format ?? plain)(v);
                    const to = v ? s.link?.(r) : undefined;
                    return <td key={s.key} className="num">{to ? <Link to={to}>{text}</Link> : text}</td>;
                  })}
                </tr>
              ))}
            </tbody>
            {total && (
              <tfoot>
                <tr>
                  <th scope="row">{t("dashboard:chart.total")}</th>
                  {series.map((s) => <td key={s.key} className="num">{plain(rows.reduce((n, r) => n + ((r[s.key] as number | null) ?? 0), 0))}</td>)}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
      {note && <p className="hint">{note}</p>}
    </section>
  );
}
