import { useCallback, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, useAnnounce } from "../components.js";
import { formatDate, formatDateTime, useTitle } from "../format.js";
import { reviewApi, type FollowUp, type FollowUpFilter, type FollowUpStatus } from "./api.js";
import "./review.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; items: FollowUp[] };

/** /follow-ups?status=open — follow-up actions from reviews, across incidents, soonest due first. */
export function FollowUpsPage() {
  const { t } = useTranslation();
  useTitle(t("review:followUps.title"));
  const { can } = useAuth();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") ?? "") as FollowUpStatus | "";
  const overdue = params.get("overdue") === "true";
  const mine = params.get("ownerId") === "me";
  const incidentId = params.get("incidentId") ?? "";
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [rowError, setRowError] = useState<{ id: string; error: unknown } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const manage = can("followup.manage");

  const filter: FollowUpFilter = {
    status: status || undefined, overdue: overdue ? "true" : undefined, ownerId: mine ? "me" : undefined, incidentId: incidentId || undefined,
  };
  const key = JSON.stringify(filter);
  useEffect(() => {
    const ctl = new AbortController();
    setLoad({ state: "loading" });
    reviewApi.followUps(JSON.parse(key) as FollowUpFilter, ctl.signal).then(
      (r) => setLoad({ state: "ready", items: r.items }),
      (error: unknown) => { if (!ctl.signal.aborted) setLoad({ state: "error", error }); },
    );
    return () => ctl.abort();
  }, [key, attempt]);

  const setParam = useCallback((k: string, v: string) => {
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (v) p.set(k, v); else p.delete(k);
      return p;
    }, { replace: true });
  }, [setParams]);

  const setStatus = async (f: FollowUp, next: FollowUpStatus) => {
    setBusyId(f.id);
    setRowError(null);
    try {
      const updated = await reviewApi.updateFollowUp(f.id, { status: next });
      setLoad((l) => {
        if (l.state !== "ready") return l;
        // Leaves a filtered list once it no longer matches (e.g. done while showing open ones).
        const keep = !status || updated.status === status;
        return { state: "ready", items: keep ? l.items.map((x) => (x.id === f.id ? { ...x, ...updated } : x)) : l.items.filter((x) => x.id !== f.id) };
      });
      announce(next === "done" ? t("review:followUps.markedDone", { title: f.title }) : t("review:followUps.reopened", { title: f.title }));
    } catch (error) {
      setRowError({ id: f.id, error });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div className="page">
      <div className="page-head"><h1>{t("review:followUps.title")}</h1></div>
      <p className="lead">{t("review:followUps.lead")}</p>
      <form className="filters follow-ups-filters" role="search" aria-label={t("review:followUps.filter")} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="fu-status">{t("review:followUps.status")}</label>
          <select id="fu-status" value={status} onChange={(e) => setParam("status", e.target.value)}>
            <option value="">{t("review:followUps.all")}</option>
            <option value="open">{t("review:followUps.open")}</option>
            <option value="done">{t("review:followUps.done")}</option>
          </select>
        </div>
        <label className="check"><input type="checkbox" checked={overdue} onChange={(e) => setParam("overdue", e.target.checked ? "true" : "")} /> {t("review:followUps.overdueOnly")}</label>
        <label className="check"><input type="checkbox" checked={mine} onChange={(e) => setParam("ownerId", e.target.checked ? "me" : "")} /> {t("review:followUps.mineOnly")}</label>
        {incidentId && <button type="button" className="link-button" onClick={() => setParam("incidentId", "")}>{t("review:followUps.everyIncident")}</button>}
      </form>

      <div aria-live="polite" aria-busy={load.state === "loading"}>
        {load.state === "loading" && <p className="muted loading">{t("review:followUps.loading")}</p>}
        {load.state === "error" && (
          <div>
            <ErrorMessage error={load.error} title={t("review:followUps.loadFailed")} />
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t("review:page.retry")}</button>
          </div>
        )}
        {load.state === "ready" && load.items.length === 0 && <p className="empty">{t("review:followUps.noMatch")}</p>}
      </div>
      {load.state === "ready" && load.items.length > 0 && (
        <div className="table-wrap">
          <table className="follow-ups">
            <caption className="visually-hidden">{t("review:followUps.caption")}</caption>
            <thead>
              <tr>{[t("review:editor.action"), t("review:followUps.incident"), t("review:editor.owner"), t("review:editor.due"), t("review:followUps.status"), ...(manage ? [""] : [])].map((c, i) => <th key={i} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>
              {load.items.map((f) => (
                <tr key={f.id} className={f.overdue ? "is-overdue" : undefined}>
                  <td>{f.title}</td>
                  <td>{f.incident ? <Link to={`/incidents/${f.incidentId}/review`}><span className="mono">{f.incident.reference}</span> {f.incident.title}</Link> : "—"}</td>
                  <td>{f.owner?.name ?? "—"}</td>
                  <td className="nowrap">{formatDate(f.dueAt)}</td>
                  <td>
                    {f.status === "done"
                      ? <><span className="badge followup-done">{t("review:followUps.done")}</span>{" "}
                        <span className="hint">{f.doneBy ? t("review:followUps.doneAtBy", { at: formatDateTime(f.doneAt), name: f.doneBy.name }) : formatDateTime(f.doneAt)}</span></>
                      : f.overdue ? <span className="badge overdue">{t("review:followUps.overdue")}</span> : <span className="badge">{t("review:followUps.open")}</span>}
                  </td>
                  {manage && (
                    <td className="nowrap">
                      <button type="button" className="secondary" disabled={busyId === f.id}
                        aria-label={f.status === "open" ? t("review:followUps.markDoneOf", { title: f.title }) : t("review:followUps.reopenOf", { title: f.title })}
                        onClick={() => void setStatus(f, f.status === "open" ? "done" : "open")}>
                        {f.status === "open" ? t("review:followUps.markDone") : t("review:followUps.reopen")}
                      </button>
                      {rowError?.id === f.id && <ErrorMessage error={rowError.error} />}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
