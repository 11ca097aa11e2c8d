import { useCallback, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useAuth } from "../auth.js";
import { ErrorMessage, useAnnounce } from "../components.js";
import { formatDate, formatDateTime, useTitle } from "../format.js";
import { reviewApi, type FollowUp, type FollowUpFilter, type FollowUpStatus } from "./api.js";
import "./review.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; items: FollowUp[] };

/** /follow-ups?status=open — follow-up actions from reviews, across incidents, soonest due first. */
export function FollowUpsPage() {
  useTitle("Follow-up actions");
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
      announce(next === "done" ? `“${f.title}” marked done.` : `“${f.title}” is open again.`);
    } catch (error) {
      setRowError({ id: f.id, error });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div className="page">
      <div className="page-head"><h1>Follow-up actions</h1></div>
      <p className="lead">Improvements agreed in follow-up reviews, across incidents, soonest due first. Owners are reminded when one is overdue.</p>
      <form className="filters follow-ups-filters" role="search" aria-label="Filter follow-up actions" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="fu-status">Status</label>
          <select id="fu-status" value={status} onChange={(e) => setParam("status", e.target.value)}>
            <option value="">All</option>
            <option value="open">Open</option>
            <option value="done">Done</option>
          </select>
        </div>
        <label className="check"><input type="checkbox" checked={overdue} onChange={(e) => setParam("overdue", e.target.checked ? "true" : "")} /> Overdue only</label>
        <label className="check"><input type="checkbox" checked={mine} onChange={(e) => setParam("ownerId", e.target.checked ? "me" : "")} /> Mine only</label>
        {incidentId && <button type="button" className="link-button" onClick={() => setParam("incidentId", "")}>Show every incident</button>}
      </form>

      <div aria-live="polite" aria-busy={load.state === "loading"}>
        {load.state === "loading" && <p className="muted loading">Loading follow-up actions…</p>}
        {load.state === "error" && (
          <div>
            <ErrorMessage error={load.error} title="The follow-up actions could not be loaded." />
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>Try again</button>
          </div>
        )}
        {load.state === "ready" && load.items.length === 0 && <p className="empty">No follow-up actions match.</p>}
      </div>
      {load.state === "ready" && load.items.length > 0 && (
        <div className="table-wrap">
          <table className="follow-ups">
            <caption className="visually-hidden">Follow-up actions, soonest due first</caption>
            <thead>
              <tr>{["Action", "Incident", "Owner", "Due", "Status", ...(manage ? [""] : [])].map((c, i) => <th key={i} scope="col">{c}</th>)}</tr>
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
                      ? <><span className="badge followup-done">Done</span> <span className="hint">{formatDateTime(f.doneAt)}{f.doneBy && ` by ${f.doneBy.name}`}</span></>
                      : f.overdue ? <span className="badge overdue">Overdue</span> : <span className="badge">Open</span>}
                  </td>
                  {manage && (
                    <td className="nowrap">
                      <button type="button" className="secondary" disabled={busyId === f.id}
                        aria-label={f.status === "open" ? `Mark “${f.title}” done` : `Reopen “${f.title}”`}
                        onClick={() => void setStatus(f, f.status === "open" ? "done" : "open")}>
                        {f.status === "open" ? "Mark done" : "Reopen"}
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
