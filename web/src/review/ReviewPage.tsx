import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { can as roleCan } from "../../../shared/permissions.js";
import { api, ApiError, type User } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, useAnnounce } from "../components.js";
import { formatDate, formatDateTime, useTitle } from "../format.js";
import { reviewApi, reviewMarkdownUrl, reviewPdfUrl, type ReviewView, type UpdateReviewInput } from "./api.js";
import { ReviewEditor, draftOf, type WrittenDraft } from "./ReviewEditor.js";
import { ReviewFacts } from "./ReviewFacts.js";
import { approveBlocker, submitBlockers } from "./rules.js";
import { WrittenPart } from "./WrittenPart.js";
import "./review.css";

type Load = { state: "loading" } | { state: "none" } | { state: "error"; error: unknown } | { state: "ready"; review: ReviewView };

/** /incidents/:id/review — the follow-up review: generated facts, the written part, approval, downloads. */
export function ReviewPage() {
  const { id = "" } = useParams();
  const { user, can } = useAuth();
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [users, setUsers] = useState<User[]>([]);
  const [draft, setDraft] = useState<WrittenDraft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<null | "save" | "submit" | "approve" | "draft">(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  useTitle(load.state === "ready" ? t("review:page.titleOf", { reference: load.review.incident.reference }) : t("review:page.title"));

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
      announce(t("review:page.saved"));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setSaveError(new ApiError(409, t("review:page.stale"), e.code));
        try {
          const fresh = await reviewApi.get(id);
          setLoad({ state: "ready", review: fresh });
        } catch { /* keep what we have */ }
      } else setSaveError(e);
    } finally {
      setBusy(null);
    }
  };

  if (load.state === "loading") return <div className="page"><p className="muted loading" role="status">{t("review:page.loading")}</p></div>;
  if (load.state === "error" || load.state === "none")
    return (
      <div className="page narrow">
        <p className="breadcrumb"><Link to={`/incidents/${id}`}>← {t("review:page.theIncident")}</Link></p>
        <h1>{t("review:page.title")}</h1>
        {load.state === "none" ? (
          <>
            <p className="alert alert-info">{t("review:page.none")}</p>
            {can("review.edit") && (
              <button type="button" className="secondary" disabled={busy !== null}
                onClick={() => void run("draft", () => reviewApi.redraft(id), t("review:page.drafted"))}>{t("review:page.draftNow")}</button>
            )}
            <ErrorMessage error={actionError} title={t("review:page.draftFailed")} />
          </>
        ) : (
          <>
            <ErrorMessage error={load.error} title={t("review:page.loadFailed")} />
            <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t("review:page.retry")}</button>
          </>
        )}
      </div>
    );

  const r = load.review;
  const staff = users.filter((u) => roleCan(u.role, "followup.manage"));
  const approveReason = approveBlocker(r, user?.id, can("review.approve"), t);
  const submitReasons = submitBlockers(r, dirty, t);
  return (
    <div className="page review-page">
      <p className="breadcrumb"><Link to={`/incidents/${r.incidentId}`}>← <span className="mono">{r.incident.reference}</span> {r.incident.title}</Link></p>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>{t("review:page.title")}</h1>
        <div className="inline">
          <a className="button secondary" href={reviewMarkdownUrl(r.incidentId)} download>{t("review:page.downloadMarkdown")}</a>
          <a className="button secondary" href={reviewPdfUrl(r.incidentId)} download>{t("review:page.downloadPdf")}</a>
        </div>
      </div>

      <section className="card review-status" aria-labelledby="review-status-title">
        <h2 id="review-status-title" className="visually-hidden">{t("review:page.status")}</h2>
        <p>
          <span className={`badge review-${r.status}`} data-testid="review-status">{t(`review:status.${r.status}`)}</span>
          {r.owner && <> {r.dueAt ? t("review:page.runByDue", { name: r.owner.name, due: formatDate(r.dueAt) }) : t("review:page.runBy", { name: r.owner.name })}</>}
          {r.author && <> {t("review:page.writtenBy", { name: r.author.name })}</>}
          {r.submittedAt && <> {r.submittedBy
            ? t("review:page.submittedBy", { at: formatDateTime(r.submittedAt), name: r.submittedBy.name })
            : t("review:page.submitted", { at: formatDateTime(r.submittedAt) })}</>}
          {r.approvedAt && <> {r.approvedBy
            ? t("review:page.approvedBy", { at: formatDateTime(r.approvedAt), name: r.approvedBy.name })
            : t("review:page.approved", { at: formatDateTime(r.approvedAt) })}</>}
        </p>
        <div className="review-actions">
          {r.status === "draft" && can("review.edit") && (
            <div>
              <button type="button" className="primary" disabled={busy !== null || submitReasons.length > 0} aria-describedby="submit-reasons"
                onClick={() => void run("submit", () => reviewApi.submit(r.incidentId), t("review:page.submittedDone"))}>
                {busy === "submit" ? t("review:page.submitting") : t("review:page.submit")}
              </button>
              {submitReasons.length > 0 && <ul id="submit-reasons" className="hint reasons">{submitReasons.map((m) => <li key={m}>{m}</li>)}</ul>}
            </div>
          )}
          {r.status !== "approved" && (
            <div>
              <button type="button" className="primary" disabled={busy !== null || approveReason !== null} aria-describedby="approve-reason"
                onClick={() => void run("approve", () => reviewApi.approve(r.incidentId), t("review:page.approvedDone"))}>
                {busy === "approve" ? t("review:page.approving") : t("review:page.approve")}
              </button>
              {approveReason && <p id="approve-reason" className="hint">{approveReason}</p>}
            </div>
          )}
          {r.can.redraft && (
            <button type="button" className="secondary" disabled={busy !== null}
              onClick={() => void run("draft", () => reviewApi.redraft(r.incidentId), t("review:page.regenerated"))}>
              {busy === "draft" ? t("review:page.regenerating") : t("review:page.regenerate")}
            </button>
          )}
        </div>
        <div aria-live="assertive"><ErrorMessage error={actionError} /></div>
      </section>

      <div className="review-grid">
        <section className="card" aria-labelledby="written-title">
          <h2 id="written-title">{r.can.edit ? t("review:page.theReview") : t("review:page.found")}</h2>
          {r.can.edit && draft ? (
            <ReviewEditor review={r} draft={draft} staff={staff} busy={busy === "save"} error={saveError} onSave={(b) => void save(b)}
              setDraft={(d) => { setDraft(d); setDirty(true); }} />
          ) : (
            <WrittenPart review={r} />
          )}
        </section>
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">{t("review:page.knew")}</h2>
          <p className="hint">{t("review:page.generated", { at: formatDateTime(r.generatedAt ?? r.draft?.generatedAt) })}</p>
          {r.draft ? <ReviewFacts draft={r.draft} /> : <p className="muted">{t("review:page.notGenerated")}</p>}
        </section>
      </div>
    </div>
  );
}
