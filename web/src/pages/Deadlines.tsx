import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { PagedStatus, usePaged } from "../paging.js";
import { readerZone, useTitle } from "../format.js";
import { IncidentRef, ObligationItem } from "../breach/Obligations.js";
import type { ObligationWithIncident } from "../breach/types.js";

/** Pending obligations across incidents, soonest due first, with live countdowns. */
export function DeadlinesPage() {
  const { t } = useTranslation();
  useTitle(t("admin:deadlines.title"));
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
        <h1>{t("admin:deadlines.title")}</h1>
        <p className="alert alert-info">{t("admin:deadlines.notAllowed")}</p>
      </div>
    );

  const overdue = items.filter((o) => o.overdue).length;
  return (
    <div className="page narrow-wide">
      <div className="page-head">
        <h1>{t("admin:deadlines.title")}</h1>
      </div>
      <p className="lead">{t("admin:deadlines.lead", { zone: readerZone() })}</p>
      <PagedStatus load={load} retry={retry} what={t("admin:deadlines.what")}
        empty={<p><strong>{t("admin:deadlines.nothing")}</strong> {t("admin:deadlines.nothingHint")}</p>} />
      {load.state === "ready" && load.items.length > 0 && (
        <p className={overdue ? "overdue" : "muted"}>{overdue ? t("admin:deadlines.pendingOverdue", { count: items.length, overdue }) : t("admin:deadlines.pending", { count: items.length })}</p>
      )}
      {items.length > 0 && (
        <section className="card" aria-label={t("admin:deadlines.listLabel")}>
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
