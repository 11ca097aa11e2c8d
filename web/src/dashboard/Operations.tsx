import { useEffect, useState } from "react";
import type { z } from "zod";
import { request } from "../api.js";
import { ErrorMessage } from "../components.js";
import { SEVERITY_LABELS } from "../format.js";
import type { OperationsSummary } from "../../../shared/schemas/operations.js";
import { periodInstants, type Period } from "./period.js";

type Summary = z.infer<typeof OperationsSummary>;
const minutes = (m: number | null) => (m === null ? "—" : m < 120 ? `${Math.round(m)} min` : `${(m / 60).toFixed(1)} h`);

/** Mean time to acknowledge and to resolve per severity and source (the team's service levels, not legal clocks). */
export function OperationsCard({ period }: { period: Period }) {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ctl = new AbortController();
    const { from, to } = periodInstants(period);
    request<Summary>("GET", `/api/metrics/operations?${new URLSearchParams({ from, to })}`, undefined, { signal: ctl.signal }).then(setSummary, (e) => {
      if ((e as Error).name !== "AbortError") setError(e);
    });
    return () => ctl.abort();
  }, [period.from, period.to]);
  return (
    <section className="card dash-card" aria-labelledby="operations-title" id="operations">
      <h2 id="operations-title">Service levels</h2>
      <p className="hint">Mean time from detection to acknowledgement (triage) and to resolution, by severity and source. These are our own targets, not legal deadlines.</p>
      <ErrorMessage error={error} />
      {summary && (
        <>
          <p>
            Open incidents past their target now: acknowledge {summary.overdueNow.acknowledge}, owner {summary.overdueNow.owner},
            contain {summary.overdueNow.contain}, resolve {summary.overdueNow.resolve}.
          </p>
          {summary.groups.length === 0 ? <p className="muted">No incidents detected in this period.</p> : (
            <table>
              <thead><tr><th>Severity</th><th>Source</th><th>Incidents</th><th>Mean time to acknowledge</th><th>Mean time to resolve</th></tr></thead>
              <tbody>
                {summary.groups.map((g) => (
                  <tr key={`${g.severity}/${g.source}`}>
                    <th scope="row">{SEVERITY_LABELS[g.severity as keyof typeof SEVERITY_LABELS] ?? "Not rated"}</th>
                    <td>{g.source}</td>
                    <td>{g.incidents}</td>
                    <td>{minutes(g.acknowledge.meanMinutes)} <span className="hint">({g.acknowledge.count})</span></td>
                    <td>{minutes(g.resolve.meanMinutes)} <span className="hint">({g.resolve.count})</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
