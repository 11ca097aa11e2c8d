/** The written part of a review: root cause as a chain of whys, what went well and badly, lessons, follow-up actions. */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { User } from "../api.js";
import { ErrorMessage, Field, UserSelect, fieldError } from "../components.js";
import { fromLocalInput, toDateInput, toLocalInput } from "../format.js";
import type { ReviewView, UpdateReviewInput } from "./api.js";

interface FollowUpDraft { key: string; id?: string; title: string; ownerId: string; dueAt: string }
export interface WrittenDraft {
  rootCause: string[];
  wentWell: string;
  wentBadly: string;
  lessons: string;
  occurredAt: string;
  followUps: FollowUpDraft[];
}

let keys = 0;
const nextKey = () => `new-${++keys}`;

export function draftOf(r: ReviewView): WrittenDraft {
  return {
    rootCause: r.rootCause.length ? r.rootCause : [""],
    wentWell: r.wentWell, wentBadly: r.wentBadly, lessons: r.lessons,
    occurredAt: r.occurredAt ? toLocalInput(new Date(r.occurredAt)) : "",
    followUps: r.followUps.map((f) => ({ key: f.id, id: f.id, title: f.title, ownerId: f.ownerId, dueAt: toDateInput(new Date(f.dueAt)) })),
  };
}

/** The PUT body, or the first problem in words. */
function bodyOf(d: WrittenDraft, version: number, t: TFunction): UpdateReviewInput | string {
  const followUps = [];
  for (const [i, f] of d.followUps.entries()) {
    const dueAt = fromLocalInput(f.dueAt);
    if (!f.title.trim()) return t("review:editor.problem.title", { n: i + 1 });
    if (!f.ownerId) return t("review:editor.problem.owner", { n: i + 1 });
    if (!dueAt) return t("review:editor.problem.due", { n: i + 1 });
    followUps.push({ ...(f.id ? { id: f.id } : {}), title: f.title.trim(), ownerId: f.ownerId, dueAt });
  }
  return {
    version,
    rootCause: d.rootCause.map((s) => s.trim()).filter(Boolean),
    wentWell: d.wentWell, wentBadly: d.wentBadly, lessons: d.lessons,
    occurredAt: d.occurredAt ? (fromLocalInput(d.occurredAt) ?? null) : null,
    followUps,
  };
}

export function ReviewEditor({ review, draft, setDraft, staff, busy, error, onSave }: {
  review: ReviewView;
  draft: WrittenDraft;
  setDraft(d: WrittenDraft): void;
  staff: User[];
  busy: boolean;
  error: unknown;
  onSave(body: UpdateReviewInput): void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const set = (patch: Partial<WrittenDraft>) => setDraft({ ...draft, ...patch });
  const setWhy = (i: number, v: string) => set({ rootCause: draft.rootCause.map((w, j) => (j === i ? v : w)) });
  const setFollowUp = (key: string, patch: Partial<FollowUpDraft>) => set({ followUps: draft.followUps.map((f) => (f.key === key ? { ...f, ...patch } : f)) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = bodyOf(draft, review.version, t);
    if (typeof body === "string") return setProblem(body);
    setProblem(null);
    onSave(body);
  };

  return (
    <form className="stack review-editor" onSubmit={submit} noValidate aria-label={t("review:editor.label")}>
      <fieldset className="whys">
        <legend>{t("review:editor.whysLegend")}</legend>
        <p className="hint">{t("review:editor.whysHint")}</p>
        <ol>
          {draft.rootCause.map((why, i) => (
            <li key={i} className="why">
              <label className="visually-hidden" htmlFor={`why-${i}`}>{t("review:editor.why", { n: i + 1 })}</label>
              <input id={`why-${i}`} type="text" maxLength={2000} value={why} placeholder={i === 0 ? t("review:editor.whyFirst") : t("review:editor.whyNext")}
                aria-invalid={fieldError(error, `rootCause.${i}`) ? true : undefined} onChange={(e) => setWhy(i, e.target.value)} />
              {draft.rootCause.length > 1 && (
                <button type="button" className="link-button" aria-label={t("review:editor.removeWhy", { n: i + 1 })}
                  onClick={() => set({ rootCause: draft.rootCause.filter((_, j) => j !== i) })}>{t("review:editor.remove")}</button>
              )}
            </li>
          ))}
        </ol>
        {draft.rootCause.length < 20 && (
          <button type="button" className="secondary" onClick={() => set({ rootCause: [...draft.rootCause, ""] })}>{t("review:editor.addWhy")}</button>
        )}
      </fieldset>

      <Field label={t("review:written.wentWell")} optional error={fieldError(error, "wentWell")}>
        {(p) => <textarea {...p} rows={3} value={draft.wentWell} onChange={(e) => set({ wentWell: e.target.value })} />}
      </Field>
      <Field label={t("review:written.wentBadly")} optional error={fieldError(error, "wentBadly")}>
        {(p) => <textarea {...p} rows={3} value={draft.wentBadly} onChange={(e) => set({ wentBadly: e.target.value })} />}
      </Field>
      <Field label={t("review:written.lessons")} error={fieldError(error, "lessons")}>
        {(p) => <textarea {...p} rows={3} value={draft.lessons} onChange={(e) => set({ lessons: e.target.value })} />}
      </Field>
      <Field label={t("review:editor.began")} optional hint={t("review:editor.beganHint")} error={fieldError(error, "occurredAt")}>
        {(p) => <input {...p} type="datetime-local" value={draft.occurredAt} onChange={(e) => set({ occurredAt: e.target.value })} />}
      </Field>

      <fieldset className="follow-up-edit">
        <legend>{t("review:written.followUps")}</legend>
        <p className="hint">{t("review:editor.followUpsHint")}</p>
        {draft.followUps.length === 0 && <p className="muted">{t("review:editor.noneYet")}</p>}
        {draft.followUps.map((f, i) => (
          <div key={f.key} className="row follow-up-row" role="group" aria-label={t("review:editor.followUp", { n: i + 1 })}>
            <Field label={t("review:editor.action")} error={fieldError(error, `followUps.${i}.title`)}>
              {(p) => <input {...p} type="text" maxLength={500} value={f.title} onChange={(e) => setFollowUp(f.key, { title: e.target.value })} />}
            </Field>
            <Field label={t("review:editor.owner")} error={fieldError(error, `followUps.${i}.ownerId`)}>
              {(p) => <UserSelect {...p} users={staff} value={f.ownerId} onChange={(ownerId) => setFollowUp(f.key, { ownerId })} />}
            </Field>
            <Field label={t("review:editor.due")} error={fieldError(error, `followUps.${i}.dueAt`)}>
              {(p) => <input {...p} type="date" value={f.dueAt} onChange={(e) => setFollowUp(f.key, { dueAt: e.target.value })} />}
            </Field>
            <button type="button" className="link-button" aria-label={t("review:editor.removeFollowUp", { n: i + 1 })}
              onClick={() => set({ followUps: draft.followUps.filter((x) => x.key !== f.key) })}>{t("review:editor.remove")}</button>
          </div>
        ))}
        <button type="button" className="secondary"
          onClick={() => set({ followUps: [...draft.followUps, { key: nextKey(), title: "", ownerId: "", dueAt: toDateInput(new Date(Date.now() + 30 * 86_400_000)) }] })}>
          {t("review:editor.addFollowUp")}
        </button>
      </fieldset>

      <div aria-live="assertive">
        {problem && <p className="alert alert-error" role="alert">{problem}</p>}
        <ErrorMessage error={error} title={t("review:editor.saveFailed")} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t("review:editor.saving") : t("review:editor.save")}</button>
      </div>
    </form>
  );
}
