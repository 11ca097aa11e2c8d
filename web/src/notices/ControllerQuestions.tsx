import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, fieldError, Section } from "../components.js";
import { formatDateTime } from "../format.js";
import { noticesApi, type QuestionView } from "./api.js";
import { useRun } from "./useRun.js";

/** Controllers' questions on the incident, with an answer box for the privacy team. */
export function ControllerQuestions({ questions, onAnswered }: { questions: QuestionView[]; onAnswered(q: QuestionView): void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (questions.length === 0) return null;
  const open = questions.filter((q) => !q.answer).length;
  return (
    <Section id="controller-questions" title={t("notices:questions.title")}
      aside={open > 0 ? <span className="badge notice-draft">{t("notices:questions.unanswered", { count: open })}</span> : undefined}>
      <ul className="qa">
        {questions.map((q) => (
          <li key={q.id}>
            <p className="muted small-text">{q.organization.name} · {q.askedBy} · {formatDateTime(q.askedAt)}</p>
            <p className="question">{q.body}</p>
            {q.answer ? (
              <>
                <p className="answer">{q.answer}</p>
                <p className="muted small-text">
                  {q.answeredBy ? t("notices:questions.answeredBy", { by: q.answeredBy, at: formatDateTime(q.answeredAt) })
                    : t("notices:questions.answered", { at: formatDateTime(q.answeredAt) })}
                </p>
              </>
            ) : can("question.answer") ? (
              <AnswerForm question={q} onAnswered={onAnswered} />
            ) : (
              <p className="muted">{t("notices:questions.notAnswered")}</p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function AnswerForm({ question, onAnswered }: { question: QuestionView; onAnswered(q: QuestionView): void }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState("");
  const { busy, error, run } = useRun();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const q = await run(() => noticesApi.answer(question.id, { answer }), t("notices:questions.sent", { organization: question.organization.name }));
    if (q) onAnswered(q);
  };
  return (
    <form className="stack" noValidate onSubmit={submit} aria-label={t("notices:questions.formLabel", { organization: question.organization.name })}>
      <Field label={t("notices:questions.answer")} hint={t("notices:questions.answerHint")} error={fieldError(error, "answer")}>
        {(p) => <textarea {...p} rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} />}
      </Field>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !answer.trim()}>{busy ? t("notices:questions.sending") : t("notices:questions.send")}</button>
      </div>
    </form>
  );
}
