import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { formatDateTime } from "../format.js";
import { portalApi, type PortalNotice, type QuestionView } from "../notices/api.js";
import { usePhaseLabel } from "../notices/labels.js";
import { useRun } from "../notices/useRun.js";

/** Our questions and the processor's answers, oldest first. */
export function PortalQuestions({ questions }: { questions: QuestionView[] }) {
  const { t } = useTranslation();
  if (questions.length === 0) return <p className="muted">{t("portal:questions.none")}</p>;
  return (
    <ul className="qa" aria-label={t("portal:questions.listLabel")}>
      {questions.map((q) => (
        <li key={q.id}>
          <p className="muted small-text">{q.askedBy} · {formatDateTime(q.askedAt)}</p>
          <p className="question">{q.body}</p>
          {q.answer ? (
            <>
              <p className="answer">{q.answer}</p>
              <p className="muted small-text">{t("portal:questions.answeredAt", { at: formatDateTime(q.answeredAt) })}</p>
            </>
          ) : <p className="muted">{t("portal:questions.notAnswered")}</p>}
        </li>
      ))}
    </ul>
  );
}

export function AskQuestion({ incidentId, notices, onAsked }: { incidentId: string; notices: PortalNotice[]; onAsked(): void }) {
  const { t } = useTranslation();
  const phase = usePhaseLabel();
  const [body, setBody] = useState("");
  const [noticeId, setNoticeId] = useState("");
  const { busy, error, run } = useRun();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const q = await run(() => portalApi.ask(incidentId, { body, ...(noticeId ? { noticeId } : {}) }), t("portal:questions.sent"));
    if (q) { setBody(""); setNoticeId(""); onAsked(); }
  };
  return (
    <form className="stack" noValidate onSubmit={submit} aria-label={t("portal:questions.formLabel")}>
      <Field label={t("portal:questions.yourQuestion")} hint={t("portal:questions.hint")} error={fieldError(error, "body")}>
        {(p) => <textarea {...p} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      {notices.length > 1 && (
        <Field label={t("portal:questions.about")} optional error={fieldError(error, "noticeId")}>
          {(p) => (
            <select {...p} value={noticeId} onChange={(e) => setNoticeId(e.target.value)}>
              <option value="">{t("portal:questions.general")}</option>
              {notices.map((n) => <option key={n.id} value={n.id}>{phase(n.phase)} ({formatDateTime(n.sentAt)})</option>)}
            </select>
          )}
        </Field>
      )}
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t("portal:questions.sending") : t("portal:questions.ask")}</button>
      </div>
    </form>
  );
}
