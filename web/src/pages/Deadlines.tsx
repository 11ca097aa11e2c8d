import { useCallback, useEffect, useState } from "react";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage } from "../components.js";
import { useTitle } from "../format.js";
import { VIEWER_ZONE } from "../breach/Countdown.js";
import { IncidentRef, ObligationItem } from "../breach/Obligations.js";
import type { ObligationWithIncident } from "../breach/types.js";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; items: ObligationWithIncident[] };

/** Pending obligations across incidents, soonest due first, with live countdowns. */
export function DeadlinesPage() {
  useTitle("Deadlines");
  const { can } = useAuth();
  const allowed = can("breach.read");
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    api.obligations({ status: "pending", limit: 500 }).then(
      (r) => live && setLoad({ state: "ready", items: [...r.items].sort((a, b) => a.dueAt.localeCompare(b.dueAt)) }),
      (error: unknown) => live && setLoad({ state: "error", error }),
    );
    return () => { live = false; };
  }, [allowed, attempt]);

  // A completed or waived obligation leaves the list.
  const onChanged = useCallback((o: { id: string; status: string }) => {
    setLoad((l) => (l.state === "ready" && o.status !== "pending" ? { state: "ready", items: l.items.filter((x) => x.id !== o.id) } : l));
  }, []);

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>Deadlines</h1>
        <p className="alert alert-info">Your role cannot see breach deadlines.</p>
      </div>
    );

  const overdue = load.state === "ready" ? load.items.filter((o) => o.overdue).length : 0;
  return (
    <div className="page narrow-wide">
      <div className="page-head">
        <h1>Deadlines</h1>
      </div>
      <p className="lead">Pending notification duties across incidents, soonest first. Times are shown in your time zone ({VIEWER_ZONE}).</p>
      <div aria-live="polite" aria-busy={load.state === "loading"}>
        {load.state === "loading" && <p className="muted loading">Loading deadlines…</p>}
        {load.state === "error" && (
          <div>
            <ErrorMessage error={load.error} title="The deadlines could not be loaded." />
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>Try again</button>
          </div>
        )}
        {load.state === "ready" && load.items.length === 0 && (
          <div className="empty"><p><strong>Nothing pending.</strong> Obligations appear here when a breach is assessed and decided.</p></div>
        )}
        {load.state === "ready" && load.items.length > 0 && (
          <p className={overdue ? "overdue" : "muted"}>
            {load.items.length} pending{overdue ? `, ${overdue} overdue` : ""}.
          </p>
        )}
      </div>
      {load.state === "ready" && load.items.length > 0 && (
        <section className="card" aria-label="Pending obligations">
          <ul className="obligations">
            {load.items.map((o) => (
              <ObligationItem key={o.id} obligation={o} onChanged={onChanged} context={<IncidentRef incident={o.incident} />} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
