import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { z } from "zod";
import { PLAYBOOK_LANGUAGES, type PlaybookList, type PlaybookView } from "../../../shared/schemas/playbook.js";
import { api, ApiError, request, type Category } from "../api.js";
import { ErrorMessage, Field, fieldError, useAnnounce } from "../components.js";
import { useTitle } from "../format.js";
import { emptyTask, fromDraft, TaskFields, toDraft, type TaskDraft } from "./TaskFields.js";

type Language = (typeof PLAYBOOK_LANGUAGES)[number];
interface Draft { kind: string; language: Language; category: string; title: string; description: string; tasks: TaskDraft[] }

const blank = (language: Language): Draft => ({ kind: "", language, category: "", title: "", description: "", tasks: [emptyTask()] });
const draftOf = (p: PlaybookView): Draft => ({
  kind: p.kind, language: p.language, category: p.category ?? "", title: p.title, description: p.description, tasks: p.tasks.map(toDraft),
});

/** Creates a playbook (/playbooks/new) or edits one (/playbooks/:id): its tasks, owner roles, due offsets and checklists. */
export function PlaybookEditorPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const [playbook, setPlaybook] = useState<PlaybookView | null | undefined>(id ? undefined : null);
  const [taxonomy, setTaxonomy] = useState<Category[]>([]);
  useTitle(t(id ? "playbooks:editor.editTitle" : "playbooks:editor.newTitle"));
  useEffect(() => {
    api.taxonomy().then(setTaxonomy, () => setTaxonomy([]));
    if (!id) return;
    request<z.infer<typeof PlaybookList>>("GET", "/api/playbooks").then((r) => setPlaybook(r.items.find((p) => p.id === id) ?? null), () => setPlaybook(null));
  }, [id]);
  if (playbook === undefined) return <div className="page narrow-wide"><p className="muted loading" role="status">{t("playbooks:loading")}</p></div>;
  if (id && !playbook) return <div className="page narrow-wide"><h1>{t("playbooks:editor.notFound")}</h1><Link to="/playbooks">{t("playbooks:editor.back")}</Link></div>;
  const language = PLAYBOOK_LANGUAGES.find((l) => l === i18n.language) ?? "en";
  return <EditorForm key={playbook?.version ?? "new"} playbook={playbook} initial={playbook ? draftOf(playbook) : blank(language)} taxonomy={taxonomy} onSaved={setPlaybook} />;
}

function EditorForm({ playbook, initial, taxonomy, onSaved }: {
  playbook: PlaybookView | null;
  initial: Draft;
  taxonomy: Category[];
  onSaved(p: PlaybookView): void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setTask = (i: number, patch: Partial<TaskDraft>) => update({ tasks: draft.tasks.map((task, n) => (n === i ? { ...task, ...patch } : task)) });
  const moveUp = (i: number) => update({ tasks: draft.tasks.map((task, n) => (n === i - 1 ? draft.tasks[i] : n === i ? draft.tasks[i - 1] : task)) });

  const send = async (retired?: boolean) => {
    setBusy(true);
    setError(null);
    const fields = { category: draft.category || null, title: draft.title, description: draft.description, tasks: draft.tasks.map(fromDraft) };
    try {
      if (!playbook) {
        const created = await request<PlaybookView>("POST", "/api/playbooks", { ...fields, kind: draft.kind, language: draft.language });
        announce(t("playbooks:editor.saved"));
        void navigate(`/playbooks/${created.id}`, { replace: true });
        return;
      }
      const saved = await request<PlaybookView>("PUT", `/api/playbooks/${playbook.id}`, { ...fields, version: playbook.version, ...(retired === undefined ? {} : { retired }) });
      announce(t(retired === undefined ? "playbooks:editor.saved" : retired ? "playbooks:editor.retiredDone" : "playbooks:editor.reinstatedDone"));
      onSaved(saved);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 && playbook ? new Error(t("playbooks:editor.stale")) : e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };

  return (
    <div className="page narrow-wide">
      <p className="breadcrumb"><Link to="/playbooks">{t("playbooks:editor.back")}</Link></p>
      <h1>{playbook ? playbook.title : t("playbooks:editor.newTitle")}</h1>
      {playbook && <p className="muted">{t("playbooks:editor.version", { version: playbook.version })}</p>}
      {playbook?.retired && <div className="alert alert-warn" role="note">{t("playbooks:editor.retiredNote")}</div>}
      <form className="stack" onSubmit={submit} noValidate aria-label={t(playbook ? "playbooks:editor.editTitle" : "playbooks:editor.newTitle")}>
        {!playbook && (
          <div className="inline">
            <Field label={t("playbooks:editor.kind")} hint={t("playbooks:editor.kindHint")} error={fieldError(error, "kind")}>
              {(p) => <input {...p} type="text" value={draft.kind} onChange={(e) => update({ kind: e.target.value })} />}
            </Field>
            <Field label={t("playbooks:editor.language")} error={fieldError(error, "language")}>
              {(p) => (
                <select {...p} value={draft.language} onChange={(e) => update({ language: PLAYBOOK_LANGUAGES.find((l) => l === e.target.value) ?? "en" })}>
                  {PLAYBOOK_LANGUAGES.map((l) => <option key={l} value={l}>{t(`common:languageNames.${l}`)}</option>)}
                </select>
              )}
            </Field>
          </div>
        )}
        <Field label={t("playbooks:editor.titleField")} error={fieldError(error, "title")}>
          {(p) => <input {...p} type="text" value={draft.title} onChange={(e) => update({ title: e.target.value })} />}
        </Field>
        <Field label={t("playbooks:editor.category")} error={fieldError(error, "category")}>
          {(p) => (
            <select {...p} value={draft.category} onChange={(e) => update({ category: e.target.value })}>
              <option value="">{t("playbooks:editor.anyCategory")}</option>
              {taxonomy.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
              {draft.category && !taxonomy.some((c) => c.id === draft.category) && <option value={draft.category}>{draft.category}</option>}
            </select>
          )}
        </Field>
        <Field label={t("playbooks:editor.description")} error={fieldError(error, "description")} optional>
          {(p) => <textarea {...p} rows={3} value={draft.description} onChange={(e) => update({ description: e.target.value })} />}
        </Field>
        <h2>{t("playbooks:editor.tasks")}</h2>
        {fieldError(error, "tasks") && <p className="field-error">{fieldError(error, "tasks")}</p>}
        {draft.tasks.map((task, i) => (
          <TaskFields key={i} index={i} task={task} count={draft.tasks.length} error={error}
            onChange={(patch) => setTask(i, patch)} onRemove={() => update({ tasks: draft.tasks.filter((_, n) => n !== i) })} onMoveUp={() => moveUp(i)} />
        ))}
        <div className="inline">
          <button type="button" className="secondary" onClick={() => update({ tasks: [...draft.tasks, emptyTask()] })}>{t("playbooks:editor.addTask")}</button>
        </div>
        <ErrorMessage error={error} />
        <div className="inline">
          <button type="submit" className="primary" disabled={busy}>{busy ? t("playbooks:editor.saving") : t("playbooks:editor.save")}</button>
          {playbook && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void send(!playbook.retired)}>
              {t(playbook.retired ? "playbooks:editor.reinstate" : "playbooks:editor.retire")}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
