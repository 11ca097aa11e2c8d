import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api.js";
import { ErrorMessage, Section } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { NotFoundPage } from "../pages/NotFound.js";
import { noticesApi, portalApi, type PortalIncidentView, type PortalNotice } from "../notices/api.js";
import { NoticeStatusBadge, usePhaseLabel } from "../notices/labels.js";
import { useRun } from "../notices/useRun.js";
import { AskQuestion, PortalQuestions } from "./PortalQuestions.js";
import { PortalDecision } from "./PortalDecision.js";
import { PortalDeadlines } from "./PortalDeadlines.js";
import "../notices/notices.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; view: PortalIncidentView };

/** One incident as notified to my organisation: the notices and updates as a timeline, questions, our decision. */
export function PortalIncidentPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const reload = useCallback(() => {
    portalApi.incident(id).then((view) => setLoad({ state: "ready", view }), (error: unknown) => setLoad((l) => (l.state === "ready" ? l : { state: "error", error })));
  }, [id]);
  useEffect(() => { setLoad({ state: "loading" }); reload(); }, [reload]);
  useTitle(load.state === "ready" ? `${load.view.reference} ${load.view.title}` : t("portal:incident.title"));

  if (load.state === "loading") return <div className="page"><p className="muted loading" role="status">{t("portal:home.loading")}</p></div>;
  if (load.state === "error") {
    if (load.error instanceof ApiError && (load.error.status === 404 || load.error.status === 400)) return <NotFoundPage what="incident" />;
    return <div className="page"><ErrorMessage error={load.error} title={t("portal:incident.loadFailed")} /><button type="button" onClick={reload}>{t("portal:home.tryAgain")}</button></div>;
  }
  const v = load.view;
  return (
    <div className="page narrow-wide">
      <p className="breadcrumb"><Link to="/portal">{t("portal:incident.back")}</Link></p>
      <header className="incident-head">
        <p className="reference mono">{v.reference}</p>
        <h1>{v.title}</h1>
        <p className="muted">{t("portal:incident.notifiedSince", { organization: v.organization.name, at: formatDateTime(v.firstNotifiedAt) })}</p>
      </header>
      <PortalDeadlines deadlines={v.deadlines} reported={v.decisions[0]?.authorityDecision === "reported"} />
      <Section id="portal-notices" title={t("portal:incident.notices")}
        aside={v.unacknowledged > 0 ? <span className="badge notice-draft">{t("portal:home.toAcknowledge", { count: v.unacknowledged })}</span> : undefined}>
        <ol className="portal-timeline">
          {v.timeline.map((t) => <TimelineItem key={`${t.kind}:${t.id}`} entry={t} view={v} onChanged={reload} />)}
        </ol>
      </Section>
      <Section id="portal-questions" title={t("portal:incident.questions")}>
        <PortalQuestions questions={v.questions} />
        <AskQuestion incidentId={v.id} notices={v.noticeHistory} onAsked={reload} />
      </Section>
      <PortalDecision incidentId={v.id} decisions={v.decisions} onSaved={reload} />
    </div>
  );
}

function TimelineItem({ entry, view, onChanged }: { entry: PortalIncidentView["timeline"][number]; view: PortalIncidentView; onChanged(): void }) {
  const { t } = useTranslation();
  const phase = usePhaseLabel();
  const at = formatDateTime(entry.at);
  if (entry.kind === "notice") {
    const n = view.noticeHistory.find((x) => x.id === entry.id);
    return n ? <li className={n.acknowledgedAt ? undefined : "unread"}><NoticeItem notice={n} latest={n.id === view.latestNotice.id} onChanged={onChanged} /></li> : null;
  }
  if (entry.kind === "acknowledged") {
    const n = view.noticeHistory.find((x) => x.id === entry.id);
    const vars = { at, phase: n ? phase(n.phase).toLowerCase() : t("portal:incident.theNotice"), by: n?.acknowledgedBy ?? t("portal:incident.you") };
    return <li>{t(n?.acknowledgedVia === "link" ? "portal:incident.acknowledgedByLink" : "portal:incident.acknowledgedEntry", vars)}.</li>;
  }
  if (entry.kind === "question") {
    const q = view.questions.find((x) => x.id === entry.id);
    return <li>{t("portal:incident.asked", { at, by: q?.askedBy ?? t("portal:incident.you") })}</li>;
  }
  if (entry.kind === "answer") return <li>{t("portal:incident.answered", { at })}</li>;
  return <li>{t("portal:incident.decided", { at, by: view.decisions.find((d) => d.id === entry.id)?.decidedBy ?? t("portal:incident.you") })}</li>;
}

function NoticeItem({ notice: n, latest, onChanged }: { notice: PortalNotice; latest: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  const phase = usePhaseLabel();
  const { busy, error, run } = useRun();
  const acknowledge = async () => {
    if (await run(() => noticesApi.acknowledge(n.id), t("portal:incident.acknowledged"))) onChanged();
  };
  return (
    <article aria-labelledby={`pn-${n.id}`}>
      <h3 id={`pn-${n.id}`}>{n.subject}</h3>
      <p className="muted small-text">
        {phase(n.phase)} · {n.sentAt ? <time dateTime={n.sentAt}>{t("portal:incident.sent", { at: formatDateTime(n.sentAt) })}</time> : t("portal:incident.beingDelivered")}{" "}
        <NoticeStatusBadge status={n.status} />
        {n.acknowledgedAt && <> · {t("portal:incident.acknowledgedAt", { at: formatDateTime(n.acknowledgedAt), by: n.acknowledgedBy })}</>}
      </p>
      <details open={latest}>
        <summary>{t("portal:incident.read")}</summary>
        <div className="notice-text" lang={n.language}>{n.body}</div>
      </details>
      <div className="notice-actions">
        <a className="button secondary small" href={noticesApi.pdfUrl(n.id)} download>{t("portal:incident.pdf")}</a>
        {!n.acknowledgedAt && (n.status === "sent" || n.status === "queued") && (
          <button type="button" className="primary small" disabled={busy} onClick={() => void acknowledge()}>
            {busy ? t("portal:incident.acknowledging") : t("portal:incident.acknowledge")}
          </button>
        )}
      </div>
      <ErrorMessage error={error} title={t("portal:incident.notAcknowledged")} />
    </article>
  );
}
