import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { api, ApiError, type Category, type Incident, type User } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, PersonalDataBadge, SeverityBadge, StatusBadge, useAnnounce } from "../components.js";
import { formatDateTime, relativeTime, useNow, useTitle } from "../format.js";
import { NotFoundPage } from "../pages/NotFound.js";
import { IncidentCtx, staleMessage, useIncident, type IncidentContext } from "./context.js";
import { Stepper } from "./Stepper.js";
import { NextStep } from "./NextStep.js";
import { ClassificationSection, DetailsSection, DocumentationSection, ImpactSection, OwnerSection } from "./sections.js";
import { ActionPlanSection } from "./ActionPlan.js";
import { CommunicationSection, ReviewSection } from "./Followup.js";
import { TimelineSection } from "./Timeline.js";
import { OperationalClocksSection } from "./OperationalClocks.js";
import { BreachPanel } from "../breach/BreachPanel.js";
import { Nis2Panel } from "../nis2/Nis2Panel.js";
import { NoticesPanel } from "../notices/NoticesPanel.js";
import { SubjectsPanel } from "../subjects/SubjectsPanel.js";
import { AccessPanel, BreakGlass } from "./AccessPanel.js";
import { EvidenceSection } from "../evidence/EvidenceSection.js";
import { NotesSection } from "../notes/NotesSection.js";
import { StatusUpdatesPanel } from "../status/StatusUpdatesPanel.js";
import { LiveIncident } from "../live/LivePresence.js";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; incident: Incident };

export function IncidentPage() {
  const { id = "" } = useParams();
  const announce = useAnnounce();
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [users, setUsers] = useState<User[]>([]);
  const [taxonomy, setTaxonomy] = useState<Category[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [liveChanges, setLiveChanges] = useState(0);

  useEffect(() => {
    let live = true;
    setLoad({ state: "loading" });
    api.getIncident(id).then(
      (incident) => live && setLoad({ state: "ready", incident }),
      (error: unknown) => live && setLoad({ state: "error", error }),
    );
    return () => { live = false; };
  }, [id, attempt]);

  // Others work on the same incident: refresh quietly when the tab regains focus and every
  // minute while it is visible. Forms with unsaved edits keep them (see useDraftForm).
  // Live changes (LiveIncident) refresh at once.
  const ready = load.state === "ready";
  const refresh = useCallback(() => {
    if (document.visibilityState !== "visible") return;
    api.getIncident(id).then(
      (incident) => setLoad((l) => (l.state === "ready" && l.incident.id === incident.id && JSON.stringify(l.incident) !== JSON.stringify(incident) ? { state: "ready", incident } : l)),
      () => { /* a failed background refresh changes nothing; a 401 signs the user out */ },
    );
  }, [id]);
  const onLiveChange = useCallback(() => {
    setLiveChanges((n) => n + 1);
    refresh();
  }, [refresh]);
  useEffect(() => {
    if (!ready) return;
    const timer = setInterval(refresh, 60_000);
    window.addEventListener("focus", refresh);
    return () => { clearInterval(timer); window.removeEventListener("focus", refresh); };
  }, [ready, refresh]);

  // Pickers: a role that may not list users or read the taxonomy still sees the incident.
  useEffect(() => {
    api.users().then((r) => setUsers(r.items), () => setUsers([]));
    api.taxonomy().then(setTaxonomy, () => setTaxonomy([]));
  }, []);

  const mutate = useCallback<IncidentContext["mutate"]>(async (run, success) => {
    if (load.state !== "ready") return;
    try {
      const incident = await run(load.incident);
      setLoad({ state: "ready", incident });
      announce(success);
    } catch (e) {
      // A conflict means the incident on the server differs from what we show: reload it.
      if (e instanceof ApiError && e.status === 409) {
        try {
          setLoad({ state: "ready", incident: await api.getIncident(id) });
        } catch { /* keep what we have; the error below explains */ }
        if (e.missing.length === 0) throw new ApiError(409, staleMessage(), e.code);
      }
      throw e;
    }
  }, [load, id, announce]);

  const ctx = useMemo<IncidentContext | null>(
    () => (load.state === "ready" ? { incident: load.incident, users, taxonomy, liveChanges, mutate } : null),
    [load, users, taxonomy, liveChanges, mutate],
  );

  if (load.state === "loading") return <div className="page"><p className="muted loading" role="status">{t("incident:page.loading")}</p></div>;
  if (load.state === "error") {
    if (load.error instanceof ApiError && (load.error.status === 404 || load.error.status === 400))
      return <><NotFoundPage what="incident" /><div className="page narrow"><BreakGlass incidentId={id} onJoined={() => setAttempt((n) => n + 1)} /></div></>;
    return (
      <div className="page">
        <h1>{t("incident:page.incident")}</h1>
        <ErrorMessage error={load.error} title={t("incident:page.loadFailed")} />
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t("common:paging.retry")}</button>
      </div>
    );
  }
  return (
    <IncidentCtx.Provider value={ctx}>
      <LiveIncident incidentId={id} onChange={onLiveChange} />
      <IncidentLayout />
    </IncidentCtx.Provider>
  );
}

function IncidentLayout() {
  const { incident } = useIncident();
  const { can } = useAuth();
  const now = useNow(30_000);
  const { t } = useTranslation();
  useTitle(`${incident.reference} ${incident.title}`);
  const category = useCategoryLabel(incident.category);
  // Arriving here (e.g. right after logging the incident), start screen readers at the heading.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) heading.current?.focus();
  }, [incident.id]);
  return (
    <div className="page incident">
      <p className="breadcrumb"><Link to="/incidents">← {t("incident:list.title")}</Link></p>
      <header className="incident-head">
        <p className="reference mono">{incident.reference}</p>
        <h1 ref={heading} tabIndex={-1}>{incident.title}</h1>
        <div className="incident-meta">
          <StatusBadge status={incident.status} />
          <SeverityBadge severity={incident.severity} />
          <PersonalDataBadge value={incident.personalData} />
          {incident.restricted && <span className="badge badge-restricted">{t("incident:list.restricted")}</span>}
          {category && <span className="meta-item">{category}</span>}
          <span className="meta-item">
            {t("incident:page.detected")} <time dateTime={incident.detectedAt} title={formatDateTime(incident.detectedAt)}>{relativeTime(incident.detectedAt, now)}</time>
          </span>
          <span className="meta-item">{t("incident:list.ownerLabel")} {incident.owner ? incident.owner.name : <em>{t("incident:page.noneYet")}</em>}</span>
          {can("audit.read") && <Link className="meta-item" to={`/audit?incidentId=${incident.id}`}>{t("incident:page.auditTrail")}</Link>}
          {incident.personalData === "yes" && can("breach.read") && <Link className="meta-item" to={`/incidents/${incident.id}/reports`}>{t("incident:page.authorityReports")}</Link>}
          {(incident.review || incident.status === "resolved" || incident.status === "closed") && <Link className="meta-item" to={`/incidents/${incident.id}/review`}>{t("incident:page.followUpReview")}</Link>}
          {can("export.read") && <span className="meta-item">{t("incident:page.export")} <a href={`/api/incidents/${incident.id}/export?format=json`} download>JSON</a> · <a href={`/api/incidents/${incident.id}/export?format=pdf`} download>PDF</a></span>}
        </div>
      </header>
      <Stepper incident={incident} />
      <NextStep />
      <div className="incident-grid">
        <div className="incident-main">
          <ClassificationSection />
          <OwnerSection />
          <ActionPlanSection />
          <ImpactSection />
          <BreachPanel />
          <Nis2Panel />
          <NoticesPanel />
          <SubjectsPanel />
          <NotesSection />
          <EvidenceSection />
          <DocumentationSection />
          <CommunicationSection />
          <StatusUpdatesPanel />
          <ReviewSection />
        </div>
        <aside className="incident-side" aria-label={t("incident:page.side")}>
          <DetailsSection />
          <OperationalClocksSection />
          <AccessPanel />
          <TimelineSection />
        </aside>
      </div>
    </div>
  );
}

function useCategoryLabel(id: string | null): string | null {
  const { taxonomy } = useIncident();
  if (!id) return null;
  return taxonomy.find((c) => c.id === id)?.label ?? id;
}
