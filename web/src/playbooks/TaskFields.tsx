import { useTranslation } from "react-i18next";
import { PlaybookRole, type PlaybookTask } from "../../../shared/schemas/playbook.js";
import { Field, fieldError } from "../components.js";

/** A task as the form holds it: numbers and the checklist as typed. */
export interface TaskDraft { title: string; role: PlaybookTask["role"]; dueHours: string; checklist: string }

export const toDraft = (t: PlaybookTask): TaskDraft => ({ title: t.title, role: t.role, dueHours: String(t.dueHours), checklist: t.checklist.join("\n") });
export const fromDraft = (t: TaskDraft) => ({
  title: t.title, role: t.role, dueHours: t.dueHours.trim() === "" ? Number.NaN : Number(t.dueHours),
  checklist: t.checklist.split("\n").map((c) => c.trim()).filter(Boolean),
});
export const emptyTask = (): TaskDraft => ({ title: "", role: "responder", dueHours: "24", checklist: "" });

const ROLE_LABEL = {
  manager: "playbooks:role.manager", responder: "playbooks:role.responder", privacy: "playbooks:role.privacy", admin: "playbooks:role.admin",
} as const;

/** One task of a playbook: what, who (by role), when, and its checklist. */
export function TaskFields({ index, task, count, error, onChange, onRemove, onMoveUp }: {
  index: number;
  task: TaskDraft;
  count: number;
  error: unknown;
  onChange(patch: Partial<TaskDraft>): void;
  onRemove(): void;
  onMoveUp(): void;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const err = (field: string) => fieldError(error, `tasks.${index}.${field}`);
  return (
    <fieldset className="playbook-task stack">
      <legend>{t("playbooks:editor.task", { n })}</legend>
      <Field label={t("playbooks:editor.taskTitle")} error={err("title")}>
        {(p) => <input {...p} type="text" value={task.title} onChange={(e) => onChange({ title: e.target.value })} />}
      </Field>
      <div className="inline">
        <Field label={t("playbooks:editor.role")} hint={t("playbooks:editor.roleHint")} error={err("role")}>
          {(p) => (
            <select {...p} value={task.role} onChange={(e) => onChange({ role: PlaybookRole.parse(e.target.value) })}>
              {PlaybookRole.options.map((r) => <option key={r} value={r}>{t(ROLE_LABEL[r])}</option>)}
            </select>
          )}
        </Field>
        <Field label={t("playbooks:editor.dueHours")} error={err("dueHours")}>
          {(p) => <input {...p} type="number" min={0} step={1} value={task.dueHours} onChange={(e) => onChange({ dueHours: e.target.value })} />}
        </Field>
      </div>
      <Field label={t("playbooks:editor.checklist")} hint={t("playbooks:editor.checklistHint")} error={err("checklist")}>
        {(p) => <textarea {...p} rows={4} value={task.checklist} onChange={(e) => onChange({ checklist: e.target.value })} />}
      </Field>
      <div className="inline">
        {index > 0 && <button type="button" className="secondary small" onClick={onMoveUp}>{t("playbooks:editor.moveUp", { n })}</button>}
        {count > 1 && <button type="button" className="link-button small" onClick={onRemove}>{t("playbooks:editor.removeTask", { n })}</button>}
      </div>
    </fieldset>
  );
}
