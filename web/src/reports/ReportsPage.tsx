import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import type { Authority } from "../../../shared/breach/authorityForms.js";
import { api, ApiError, type Incident } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Section } from "../components.js";
import { useTitle } from "../format.js";
import { NotFoundPage } from "../pages/NotFound.js";
import { reportsApi, type AuthorityReport } from "./api.js";
import { DraftReportForm } from "./DraftReportForm.js";
import { RecordSubmission } from "./RecordSubmission.js";
import { ReportEditor } from "./ReportEditor.js";
import { ReportList } from "./ReportList.js";
import { ReportPreview } from "./ReportPreview.js";
import { AskThem } from "../handoff/AskThem.js";
import "./reports.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | {
  state: "ready"; incident: Incident; reports: AuthorityReport[];
  /** We are processor, not controller, for all the affected data (no affected organisation is our own). */
  processorOnly: boolean;
};

/** /incidents/:id/reports — the incident's reports to supervisory authorities (GDPR Art. 33). */
export function ReportsPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [dirty, setDirty] = useState(false);
  const canEdit = can("report.manage");
  useTitle(load.state === "ready" ? t("authority:page.titleOf", { reference: load.incident.reference }) : t("authority:page.title"));

  useEffect(() => {
    let live = true;
    setLoad({ state: "loading" });
    Promise.all([api.getIncident(id), reportsApi.list(id), api.affectedOrganizations(id).then((r) => r.items, () => [])]).then(
      ([incident, { items }, affected]) => live && setLoad({
        state: "ready", incident, reports: items, processorOnly: affected.length > 0 && !affected.some((o) => o.self),
      }),
      (error: unknown) => live && setLoad({ state: "error", error }),
    );
    return () => { live = false; };
  }, [id, attempt]);

  const reports = load.state === "ready" ? load.reports : [];
  const selectedId = params.get("report") ?? reports.find((r) => !r.submittedAt)?.id ?? reports.at(-1)?.id ?? null;
  const selected = reports.find((r) => r.id === selectedId) ?? null;

  const select = useCallback((reportId: string) => {
    setDirty(false);
    setParams((prev) => { const p = new URLSearchParams(prev); p.set("report", reportId); return p; }, { replace: true });
    requestAnimationFrame(() => document.getElementById("report-editor-title")?.focus());
  }, [setParams]);

  const replace = useCallback((r: AuthorityReport) => {
    setLoad((l) => l.state !== "ready" ? l : {
      ...l, reports: l.reports.some((x) => x.id === r.id) ? l.reports.map((x) => (x.id === r.id ? r : x)) : [...l.reports, r],
    });
  }, []);

  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { if (load.state === "ready") heading.current?.focus(); }, [load.state]);

  if (load.state === "loading") return <div className="page"><p className="muted loading" role="status">{t("authority:page.loading")}</p></div>;
  if (load.state === "error") {
    if (load.error instanceof ApiError && (load.error.status === 404 || load.error.status === 400)) return <NotFoundPage what="incident" />;
    return (
      <div className="page">
        <h1>{t("authority:page.title")}</h1>
        <ErrorMessage error={load.error} title={t("authority:page.loadFailed")} />
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t("authority:page.retry")}</button>
      </div>
    );
  }
  const { incident, processorOnly } = load;
  const hasInitial = (a: Authority) => reports.some((r) => r.authority === a && r.phase === "initial");

  return (
    <div className="page reports">
      <p className="breadcrumb"><Link to={`/incidents/${incident.id}`}>← <span className="mono">{incident.reference}</span> {incident.title}</Link></p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>{t("authority:page.title")}</h1>
      </div>
      <p className="lead">{t("authority:page.lead")}</p>

      <div className="reports-grid">
        <Section id="reports" title={t("authority:page.reports")}>
          {reports.length === 0
            ? <p className="muted">{t(canEdit ? "authority:page.noneDraft" : "authority:page.none")}</p>
            : <ReportList reports={reports} selectedId={selected?.id ?? null} onSelect={select} />}
        </Section>
        {canEdit && (
          <Section id="draft-report" title={t("authority:page.draft")}>
            <DraftReportForm incidentId={incident.id} hasInitial={hasInitial} onCreated={(r) => { replace(r); select(r.id); }} />
          </Section>
        )}
      </div>

      {selected && (
        <section className="card report-editor" aria-labelledby="report-editor-title" id="report-editor">
          <div className="card-head">
            <h2 id="report-editor-title" tabIndex={-1}>{t(selected.submittedAt ? "authority:page.submitted" : "authority:page.edit")}</h2>
          </div>
          {selected.late && !selected.submittedAt && (
            <p className="alert alert-warn">{t("authority:page.late")}</p>
          )}
          {!selected.submittedAt && <AskThem step="report" incidentId={selected.incidentId} />}
          <div className="report-columns">
            <ReportEditor key={`${selected.id}-${selected.updatedAt}`} report={selected} canEdit={canEdit} onSaved={replace} onDirty={setDirty} />
            <div className="stack">
              <ReportPreview report={selected} dirty={dirty} />
              <RecordSubmission key={selected.id} report={selected} canEdit={canEdit} dirty={dirty} processorOnly={processorOnly} onSaved={replace} />
            </div>
          </div>
        </section>
      )}
    </div>
  );
}
