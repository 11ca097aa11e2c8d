import { useEffect, useState } from "react";
import type { z } from "zod";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { currentLanguage } from "../i18n.js";
import { request } from "../api.js";
import { ErrorMessage } from "../components.js";
import { SEVERITY_LABELS } from "../format.js";
import type { OperationsSummary } from "../../../shared/schemas/operations.js";
import { periodInstants, type Period } from "./period.js";

type Summary = z.infer<typeof OperationsSummary>;
const minutes = (m: number | null, t: TFunction) => (m === null ? "—" : m < 120
  ? t("dashboard:ops.minutes", { n: Math.round(m) })
  : t("dashboard:ops.hours", { n: (m / 60).toLocaleString(currentLanguage(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }) }));

/** Mean time to acknowledge and to resolve per severity and source (the team's service levels, not legal clocks). */
export function OperationsCard({ period }: { period: Period }) {
  const { t } = useTranslation();
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
      <h2 id="operations-title">{t("dashboard:ops.title")}</h2>
      <p className="hint">{t("dashboard:ops.lead")}</p>
      <ErrorMessage error={error} />
      {summary && (
        <>
          <p>{t("dashboard:ops.overdueNow", { ...summary.overdueNow })}</p>
          {summary.groups.length === 0 ? <p className="muted">{t("dashboard:ops.none")}</p> : (
            <table>
              <thead><tr>
                <th>{t("dashboard:ops.severity")}</th><th>{t("dashboard:ops.source")}</th><th>{t("dashboard:ops.incidents")}</th>
                <th>{t("dashboard:ops.meanAck")}</th><th>{t("dashboard:ops.meanResolve")}</th>
              </tr></thead>
              <tbody>
                {summary.groups.map((g) => (
                  <tr key={`${g.severity}/${g.source}`}>
                    <th scope="row">{SEVERITY_LABELS[g.severity as keyof typeof SEVERITY_LABELS] ?? t("dashboard:notRated")}</th>
                    <td>{g.source}</td>
                    <td>{g.incidents}</td>
                    <td>{minutes(g.acknowledge.meanMinutes, t)} <span className="hint">({g.acknowledge.count})</span></td>
                    <td>{minutes(g.resolve.meanMinutes, t)} <span className="hint">({g.resolve.count})</span></td>
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
