import { useEffect, useState } from "react";
import { Link } from "react-router";
import { ErrorMessage } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { portalApi, type PortalIncidents } from "../notices/api.js";
import { NoticeStatusBadge, PHASE_LABELS } from "../notices/labels.js";
import "../notices/notices.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; data: PortalIncidents };

/** The controller portal's start: incidents our processor notified to my organisation, newest first. */
export function PortalHome() {
  useTitle("Notified incidents");
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    portalApi.incidents().then((data) => live && setLoad({ state: "ready", data }), (error: unknown) => live && setLoad({ state: "error", error }));
    return () => { live = false; };
  }, [attempt]);

  return (
    <div className="page narrow-wide">
      <div className="page-head">
        <h1>Notified incidents</h1>
      </div>
      {load.state === "loading" && <p className="muted loading" role="status">Loading…</p>}
      {load.state === "error" && (
        <>
          <ErrorMessage error={load.error} title="The incidents could not be loaded." />
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>Try again</button>
        </>
      )}
      {load.state === "ready" && (
        <>
          <p className="lead">
            Personal-data breaches your processor has notified to <strong>{load.data.organization.name}</strong>. Read each notice and its updates,
            acknowledge them, ask questions, and record what you decided.
          </p>
          {load.data.items.length === 0 ? (
            <p className="empty">No incidents have been notified to {load.data.organization.name}.</p>
          ) : (
            <section className="card" aria-label="Incidents notified to us">
              <ul className="portal-incidents">
                {load.data.items.map((i) => (
                  <li key={i.id}>
                    <p className="reference mono">{i.reference}</p>
                    <h2><Link to={`/portal/incidents/${i.id}`}>{i.title}</Link></h2>
                    <p className="muted">
                      Latest: {PHASE_LABELS[i.latestNotice.phase]} <NoticeStatusBadge status={i.latestNotice.status} />
                      {i.latestNotice.sentAt && <> · {formatDateTime(i.latestNotice.sentAt)}</>}
                      {" · "}{i.notices} notice{i.notices === 1 ? "" : "s"}
                      {i.unacknowledged > 0 && <> · <strong>{i.unacknowledged} to acknowledge</strong></>}
                      {i.openQuestions > 0 && <> · {i.openQuestions} open question{i.openQuestions === 1 ? "" : "s"}</>}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
