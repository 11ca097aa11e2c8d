import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { can as roleCan } from "../../../shared/permissions.js";
import { api, ApiError, type User } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, useAnnounce } from "../components.js";
import { formatDate, formatDateTime, useTitle } from "../format.js";
import { reviewApi, reviewMarkdownUrl, reviewPdfUrl, type ReviewView, type UpdateReviewInput } from "./api.js";
import { ReviewEditor, draftOf, type WrittenDraft } from "./ReviewEditor.js";
import { ReviewFacts } from "./ReviewFacts.js";
import { REVIEW_STATUS_LABELS, approveBlocker, submitBlockers } from "./rules.js";
import { WrittenPart } from "./WrittenPart.js";
import "./review.css";

type Load = { state: "loading" } | { state: "none" } | { state: "error"; error: unknown } | { state: "ready"; review: ReviewView };

/** /incidents/:id/review — the follow-up review: generated facts, the written part, approval, downloads. */
export function ReviewPage() {
  const { id = "" } = useParams();
  const { user, can } = useAuth();
  const announce = useAnnounce();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [users, setUsers] = useState<User[]>([]);
  const [draft, setDraft] = useState<WrittenDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<null | "save" | "submit" | "approve" | "draft">(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  useTitle(load.state === "ready" ? `Review · ${load.review.incident.reference}` : "Follow-up review");

  const accept = useCallback((review: ReviewView) => {
    setLoad({ state: "ready", review });
    setDraft(draftOf(review));
    setDirty(false);
  }, []);

  useEffect(() => {
    let live = true;
    setLoad({ state: "loading" });
    reviewApi.get(id).then(
      (review) => live && accept(review),
      (error: unknown) => live && setLoad(error instanceof ApiError && error.status === 404 ? { state: "none" } : { state: "error", error }),
    );
    return () => { live = false; };
  }, [id, attempt, accept]);
  useEffect(() => { api.users().then((r) => setUsers(r.items), () => setUsers([])); }, []);

  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { if (load.state === "ready") heading.current?.focus(); }, [load.state]);

  const run = async (kind: "submit" | "approve" | "draft", fn: () => Promise<ReviewView>, success: string) => {
    setBusy(kind);
    setActionError(null);
    try {
      accept(await fn());
      announce(success);
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(null);
    }
  };

  const save = async (body: UpdateReviewInput) => {
    setBusy("save");
    setSaveError(null);
    try {
      accept(await reviewApi.update(id, body));
      announce("Review saved.");
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setSaveError(new ApiError(409, "Someone else changed the review meanwhile: it has been reloaded. Your text is still in the form; save again to keep it.", e.code));
        try {
          const fresh = await reviewApi.get(id);
          setLoad({ state: "ready", review: fresh });
        } catch { /* keep what we have */ }
      } else setSaveError(e);
    } finally {
      setBusy(null);
    }
  };

  if (load.state === "loading") return <div className="page"><p className="muted loading" role="status">Loading the review…</p></div>;
  if (load.state === "error" || load.state === "none")
    return (
      <div className="page narrow">
        <p className="breadcrumb"><Link to={`/incidents/${id}`}>← The incident</Link></p>
        <h1>Follow-up review</h1>
        {load.state === "none" ? (
          <>
            <p className="alert alert-info">There is no review yet: Vakt drafts it from what it knows when the incident is resolved.</p>
            {can("review.edit") && (
              <button type="button" className="secondary" disabled={busy !== null}
                onClick={() => void run("draft", () => reviewApi.redraft(id), "Review drafted.")}>Draft the review now</button>
            )}
            <ErrorMessage error={actionError} title="The review could not be drafted." />
          </>
        ) : (
          <>
            <ErrorMessage error={load.error} title="The review could not be loaded." />
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>Try again</button>
          </>
        )}
      </div>
    );

  const r = load.review;
  const staff = users.filter((u) => roleCan(u.role, "followup.manage"));
  const approveReason = approveBlocker(r, user?.id, can("review.approve"));
  const submitReasons = submitBlockers(r, dirty);
  return (
    <div className="page review-page">
      <p className="breadcrumb"><Link to={`/incidents/${r.incidentId}`}>← <span className="mono">{r.incident.reference}</span> {r.incident.title}</Link></p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>Follow-up review</h1>
        <div className="inline">
          <a className="button secondary" href={reviewMarkdownUrl(r.incidentId)} download>Download Markdown</a>
          <a className="button secondary" href={reviewPdfUrl(r.incidentId)} download>Download PDF</a>
        </div>
      </div>

      <section className="card review-status" aria-labelledby="review-status-title">
        <h2 id="review-status-title" className="visually-hidden">Status</h2>
        <p>
          <span className={`badge review-${r.status}`} data-testid="review-status">{REVIEW_STATUS_LABELS[r.status]}</span>
          {r.owner && <> Run by <strong>{r.owner.name}</strong>{r.dueAt && <>, due {formatDate(r.dueAt)}</>}.</>}
          {r.author && <> Written by <strong>{r.author.name}</strong>.</>}
          {r.submittedAt && <> Submitted {formatDateTime(r.submittedAt)}{r.submittedBy && <> by {r.submittedBy.name}</>}.</>}
          {r.approvedAt && <> Approved {formatDateTime(r.approvedAt)}{r.approvedBy && <> by {r.approvedBy.name}</>}.</>}
        </p>
        <div className="review-actions">
          {r.status === "draft" && can("review.edit") && (
            <div>
              <button type="button" className="primary" disabled={busy !== null || submitReasons.length > 0} aria-describedby="submit-reasons"
                onClick={() => void run("submit", () => reviewApi.submit(r.incidentId), "Review submitted for approval.")}>
                {busy === "submit" ? "Submitting…" : "Submit for review"}
              </button>
              {submitReasons.length > 0 && <ul id="submit-reasons" className="hint reasons">{submitReasons.map((m) => <li key={m}>{m}</li>)}</ul>}
            </div>
          )}
          {r.status !== "approved" && (
            <div>
              <button type="button" className="primary" disabled={busy !== null || approveReason !== null} aria-describedby="approve-reason"
                onClick={() => void run("approve", () => reviewApi.approve(r.incidentId), "Review approved.")}>
                {busy === "approve" ? "Approving…" : "Approve"}
              </button>
              {approveReason && <p id="approve-reason" className="hint">{approveReason}</p>}
            </div>
          )}
          {r.can.redraft && (
            <button type="button" className="secondary" disabled={busy !== null}
              onClick={() => void run("draft", () => reviewApi.redraft(r.incidentId), "Facts regenerated.")}>
              {busy === "draft" ? "Regenerating…" : "Regenerate the facts"}
            </button>
          )}
        </div>
        <div aria-live="assertive"><ErrorMessage error={actionError} /></div>
      </section>

      <div className="review-grid">
        <section className="card" aria-labelledby="written-title">
          <h2 id="written-title">{r.can.edit ? "The review" : "What the review found"}</h2>
          {r.can.edit && draft ? (
            <ReviewEditor review={r} draft={draft} staff={staff} busy={busy === "save"} error={saveError} onSave={(b) => void save(b)}
              setDraft={(d) => { setDraft(d); setDirty(true); }} />
          ) : (
            <WrittenPart review={r} />
          )}
        </section>
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">What Vakt knew</h2>
          <p className="hint">Generated {formatDateTime(r.generatedAt ?? r.draft?.generatedAt)} from the incident, its timeline and its obligations.</p>
          {r.draft ? <ReviewFacts draft={r.draft} /> : <p className="muted">Not generated yet.</p>}
        </section>
      </div>
    </div>
  );
}
