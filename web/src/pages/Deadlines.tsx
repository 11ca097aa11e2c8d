import { useState } from "react";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { PagedStatus, usePaged } from "../paging.js";
import { useTitle } from "../format.js";
import { VIEWER_ZONE } from "../breach/Countdown.js";
import { IncidentRef, ObligationItem } from "../breach/Obligations.js";
import type { ObligationWithIncident } from "../breach/types.js";

/** Pending obligations across incidents, soonest due first, with live countdowns. */
export function DeadlinesPage() {
  useTitle("Deadlines");
  const { can } = useAuth();
  const allowed = can("breach.read");
  // One page, soonest first (the server caps it at 500).
  const { load, retry } = usePaged("pending", async () => {
    const r = await api.obligations({ status: "pending", limit: 500 });
    return { items: [...r.items].sort((a, b) => a.dueAt.localeCompare(b.dueAt)), nextCursor: null };
  }, allowed);
  // A completed or waived obligation leaves the list at once (no reload, so focus and scroll stay).
  const [settled, setSettled] = useState<string[]>([]);
  const items = load.state === "ready" ? load.items.filter((o) => !settled.includes(o.id)) : [];

  if (!allowed)
    return (
      <div className="page narrow">
        <h1>Deadlines</h1>
        <p className="alert alert-info">Your role cannot see breach deadlines.</p>
      </div>
    );

  const overdue = items.filter((o) => o.overdue).length;
  return (
    <div className="page narrow-wide">
      <div className="page-head">
        <h1>Deadlines</h1>
      </div>
      <p className="lead">Pending notification duties across incidents, soonest first. Times are shown in your time zone ({VIEWER_ZONE}).</p>
      <PagedStatus load={load} retry={retry} what="deadlines"
        empty={<p><strong>Nothing pending.</strong> Obligations appear here when a breach is assessed and decided.</p>} />
      {load.state === "ready" && load.items.length > 0 && (
        <p className={overdue ? "overdue" : "muted"}>{items.length} pending{overdue ? `, ${overdue} overdue` : ""}.</p>
      )}
      {items.length > 0 && (
        <section className="card" aria-label="Pending obligations">
          <ul className="obligations">
            {items.map((o: ObligationWithIncident) => (
              <ObligationItem key={o.id} obligation={o} onChanged={(u) => u.status !== "pending" && setSettled((s) => [...s, u.id])} context={<IncidentRef incident={o.incident} />} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
