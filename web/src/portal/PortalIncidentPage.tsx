import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError } from "../api.js";
import { ErrorMessage, Section } from "../components.js";
import { formatDateTime, useTitle } from "../format.js";
import { NotFoundPage } from "../pages/NotFound.js";
import { noticesApi, portalApi, type PortalIncidentView, type PortalNotice } from "../notices/api.js";
import { NoticeStatusBadge, PHASE_LABELS } from "../notices/labels.js";
import { useRun } from "../notices/useRun.js";
import { AskQuestion, PortalQuestions } from "./PortalQuestions.js";
import { PortalDecision } from "./PortalDecision.js";
import { PortalDeadlines } from "./PortalDeadlines.js";
import "../notices/notices.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; view: PortalIncidentView };

/** One incident as notified to my organisation: the notices and updates as a timeline, questions, our decision. */
export function PortalIncidentPage() {
  const { id = "" } = useParams();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const reload = useCallback(() => {
    portalApi.incident(id).then((view) => setLoad({ state: "ready", view }), (error: unknown) => setLoad((l) => (l.state === "ready" ? l : { state: "error", error })));
  }, [id]);
  useEffect(() => { setLoad({ state: "loading" }); reload(); }, [reload]);
  useTitle(load.state === "ready" ? `${load.view.reference} ${load.view.title}` : "Notified incident");

  if (load.state === "loading") return <div className="page"><p className="muted loading" role="status">Loading…</p></div>;
  if (load.state === "error") {
    if (load.error instanceof ApiError && (load.error.status === 404 || load.error.status === 400)) return <NotFoundPage what="incident" />;
    return <div className="page"><ErrorMessage error={load.error} title="The incident could not be loaded." /><button type="button" onClick={reload}>Try again</button></div>;
  }
  const v = load.view;
  return (
    <div className="page narrow-wide">
      <p className="breadcrumb"><Link to="/portal">← Notified incidents</Link></p>
      <header className="incident-head">
        <p className="reference mono">{v.reference}</p>
        <h1>{v.title}</h1>
        <p className="muted">Notified to {v.organization.name} since {formatDateTime(v.firstNotifiedAt)}.</p>
      </header>
      <PortalDeadlines deadlines={v.deadlines} reported={v.decisions[0]?.reportedToAuthority ?? false} />
      <Section id="portal-notices" title="Notices and updates" aside={v.unacknowledged > 0 ? <span className="badge notice-draft">{v.unacknowledged} to acknowledge</span> : undefined}>
        <ol className="portal-timeline">
          {v.timeline.map((t) => <TimelineItem key={`${t.kind}:${t.id}`} entry={t} view={v} onChanged={reload} />)}
        </ol>
      </Section>
      <Section id="portal-questions" title="Questions to our processor">
        <PortalQuestions questions={v.questions} />
        <AskQuestion incidentId={v.id} notices={v.noticeHistory} onAsked={reload} />
      </Section>
      <PortalDecision incidentId={v.id} decisions={v.decisions} onSaved={reload} />
    </div>
  );
}

function TimelineItem({ entry, view, onChanged }: { entry: PortalIncidentView["timeline"][number]; view: PortalIncidentView; onChanged(): void }) {
  const at = <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>;
  if (entry.kind === "notice") {
    const n = view.noticeHistory.find((x) => x.id === entry.id);
    return n ? <li className={n.acknowledgedAt ? undefined : "unread"}><NoticeItem notice={n} latest={n.id === view.latestNotice.id} onChanged={onChanged} /></li> : null;
  }
  if (entry.kind === "acknowledged") {
    const n = view.noticeHistory.find((x) => x.id === entry.id);
    return <li>{at}: {n ? PHASE_LABELS[n.phase].toLowerCase() : "notice"} acknowledged by {n?.acknowledgedBy ?? "you"}{n?.acknowledgedVia === "link" ? " (by link)" : ""}.</li>;
  }
  if (entry.kind === "question") {
    const q = view.questions.find((x) => x.id === entry.id);
    return <li>{at}: {q?.askedBy ?? "You"} asked a question.</li>;
  }
  if (entry.kind === "answer") return <li>{at}: the processor answered a question.</li>;
  return <li>{at}: {view.decisions.find((d) => d.id === entry.id)?.decidedBy ?? "You"} recorded a decision.</li>;
}

function NoticeItem({ notice: n, latest, onChanged }: { notice: PortalNotice; latest: boolean; onChanged(): void }) {
  const { busy, error, run } = useRun();
  const acknowledge = async () => {
    if (await run(() => noticesApi.acknowledge(n.id), "Notice acknowledged.")) onChanged();
  };
  return (
    <article aria-labelledby={`pn-${n.id}`}>
      <h3 id={`pn-${n.id}`}>{n.subject}</h3>
      <p className="muted small-text">
        {PHASE_LABELS[n.phase]} · {n.sentAt ? <>Sent <time dateTime={n.sentAt}>{formatDateTime(n.sentAt)}</time></> : "Being delivered"} <NoticeStatusBadge status={n.status} />
        {n.acknowledgedAt && <> · acknowledged {formatDateTime(n.acknowledgedAt)} by {n.acknowledgedBy}</>}
      </p>
      <details open={latest}>
        <summary>Read the notice</summary>
        <div className="notice-text" lang={n.language}>{n.body}</div>
      </details>
      <div className="notice-actions">
        <a className="button secondary small" href={noticesApi.pdfUrl(n.id)} download>Download PDF</a>
        {!n.acknowledgedAt && (n.status === "sent" || n.status === "queued") && (
          <button type="button" className="primary small" disabled={busy} onClick={() => void acknowledge()}>
            {busy ? "Acknowledging…" : "Acknowledge receipt"}
          </button>
        )}
      </div>
      <ErrorMessage error={error} title="Not acknowledged." />
    </article>
  );
}
