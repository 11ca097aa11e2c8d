import { useState, type FormEvent } from "react";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { formatDateTime } from "../format.js";
import { portalApi, type PortalNotice, type QuestionView } from "../notices/api.js";
import { PHASE_LABELS } from "../notices/labels.js";
import { useRun } from "../notices/useRun.js";

/** Our questions and the processor's answers, oldest first. */
export function PortalQuestions({ questions }: { questions: QuestionView[] }) {
  if (questions.length === 0) return <p className="muted">No questions asked yet.</p>;
  return (
    <ul className="qa" aria-label="Questions and answers">
      {questions.map((q) => (
        <li key={q.id}>
          <p className="muted small-text">{q.askedBy} · {formatDateTime(q.askedAt)}</p>
          <p className="question">{q.body}</p>
          {q.answer ? (
            <>
              <p className="answer">{q.answer}</p>
              <p className="muted small-text">Answered {formatDateTime(q.answeredAt)}</p>
            </>
          ) : <p className="muted">Not answered yet.</p>}
        </li>
      ))}
    </ul>
  );
}

export function AskQuestion({ incidentId, notices, onAsked }: { incidentId: string; notices: PortalNotice[]; onAsked(): void }) {
  const [body, setBody] = useState("");
  const [noticeId, setNoticeId] = useState("");
  const { busy, error, run } = useRun();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const q = await run(() => portalApi.ask(incidentId, { body, ...(noticeId ? { noticeId } : {}) }), "Question sent. You will be told by e-mail when it is answered.");
    if (q) { setBody(""); setNoticeId(""); onAsked(); }
  };
  return (
    <form className="stack" noValidate onSubmit={submit} aria-label="Ask a question">
      <Field label="Your question" hint="The processor's privacy team answers here and tells you by e-mail." error={fieldError(error, "body")}>
        {(p) => <textarea {...p} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      {notices.length > 1 && (
        <Field label="About" optional error={fieldError(error, "noticeId")}>
          {(p) => (
            <select {...p} value={noticeId} onChange={(e) => setNoticeId(e.target.value)}>
              <option value="">The incident in general</option>
              {notices.map((n) => <option key={n.id} value={n.id}>{PHASE_LABELS[n.phase]} ({formatDateTime(n.sentAt)})</option>)}
            </select>
          )}
        </Field>
      )}
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? "Sending…" : "Ask question"}</button>
      </div>
    </form>
  );
}
