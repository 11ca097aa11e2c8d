import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { Category, User } from "../api.js";
import { CheckGroup, ErrorMessage, Field, fieldError, UserSelect } from "../components.js";
import type { AlertSourceView } from "../alerts/api.js";
import { LABEL_OPERATORS, type LabelMatcher } from "../../../shared/alerts/routing.js";
import type { IncidentSeverity } from "../../../shared/alerts/rules.js";
import type { CreateRoutingRuleBody } from "../../../shared/schemas/routing.js";
import type { RoutingRuleView } from "./api.js";
import { useSeverityLabels } from "./labels.js";

export type RuleInput = z.input<typeof CreateRoutingRuleBody>;
const EMPTY: RuleInput = { name: "", labels: [], sourceIds: [], alertSeverities: [], severity: null, category: null, ownerId: null, autoCreate: [], enabled: true };

/** The fields of a stored rule that the form edits (the server refuses unknown ones such as id or position). */
const editable = ({ name, enabled, labels, sourceIds, alertSeverities, severity, category, ownerId, autoCreate }: RoutingRuleView): RuleInput =>
  ({ name, enabled, labels, sourceIds, alertSeverities, severity, category, ownerId, autoCreate });

/** Adding or changing one rule: its conditions, what it sets, and which severities become incidents at once. */
export function RuleForm({ rule, sources, users, taxonomy, onSave, onCancel }: {
  rule: RoutingRuleView | null; sources: AlertSourceView[]; users: User[]; taxonomy: Category[];
  onSave(input: RuleInput): Promise<void>; onCancel?(): void;
}) {
  const { t } = useTranslation();
  const severities = useSeverityLabels();
  const [input, setInput] = useState<RuleInput>(rule ? editable(rule) : EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<RuleInput>) => setInput((i) => ({ ...i, ...patch }));
  const labels = input.labels ?? [];
  const setMatcher = (index: number, patch: Partial<LabelMatcher>) => set({ labels: labels.map((m, i) => (i === index ? { ...m, ...patch } : m)) });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const cleaned = labels.map((m) => (m.op === "exists" ? { label: m.label, op: m.op } : m));
      await onSave({ ...input, labels: cleaned });
      if (!rule) setInput(EMPTY);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const title = rule ? t("routing:rules.editTitle", { name: rule.name }) : t("routing:rules.newTitle");
  return (
    <form className="card" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <ErrorMessage error={error} />
      <Field label={t("routing:rules.name")} error={fieldError(error, "name")}>
        {(p) => <input {...p} value={input.name} onChange={(e) => set({ name: e.target.value })} required maxLength={100} />}
      </Field>
      <fieldset className="routing-conditions">
        <legend>{t("routing:rules.conditions")}</legend>
        <p className="hint">{t("routing:rules.conditionsHint")}</p>
        {labels.map((m, i) => (
          <div className="routing-matcher" key={i}>
            <Field label={t("routing:rules.label")} error={fieldError(error, `labels.${i}.label`)}>
              {(p) => <input {...p} value={m.label} onChange={(e) => setMatcher(i, { label: e.target.value })} required maxLength={200} />}
            </Field>
            <Field label={t("routing:rules.operator")}>
              {(p) => (
                <select {...p} value={m.op} onChange={(e) => setMatcher(i, { op: e.target.value as LabelMatcher["op"] })}>
                  {LABEL_OPERATORS.map((op) => <option key={op} value={op}>{t(`routing:op.${op}`)}</option>)}
                </select>
              )}
            </Field>
            {m.op !== "exists" && (
              <Field label={m.op === "regex" ? t("routing:rules.pattern") : t("routing:rules.value")} error={fieldError(error, `labels.${i}.value`)}>
                {(p) => <input {...p} value={m.value ?? ""} onChange={(e) => setMatcher(i, { value: e.target.value })} maxLength={500} />}
              </Field>
            )}
            <button type="button" className="secondary" onClick={() => set({ labels: labels.filter((_, j) => j !== i) })}>
              {t("routing:rules.removeCondition")}
            </button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => set({ labels: [...labels, { label: "", op: "equals", value: "" }] })}>
          {t("routing:rules.addCondition")}
        </button>
      </fieldset>
      {sources.length > 0 && (
        <CheckGroup legend={t("routing:rules.sources")} hint={t("routing:rules.anyIfNone")} name="sourceIds" inline error={fieldError(error, "sourceIds")}
          labels={Object.fromEntries(sources.map((s) => [s.id, s.name]))} values={input.sourceIds ?? []} onChange={(v) => set({ sourceIds: v })} />
      )}
      <CheckGroup legend={t("routing:rules.alertSeverities")} hint={t("routing:rules.anyIfNone")} name="alertSeverities" inline
        labels={severities} values={input.alertSeverities ?? []} onChange={(v: IncidentSeverity[]) => set({ alertSeverities: v })} />
      <Field label={t("routing:rules.severity")} error={fieldError(error, "severity")}>
        {(p) => (
          <select {...p} value={input.severity ?? ""} onChange={(e) => set({ severity: (e.target.value || null) as IncidentSeverity | null })}>
            <option value="">{t("routing:rules.fromAlert")}</option>
            {Object.entries(severities).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        )}
      </Field>
      <Field label={t("routing:rules.category")} error={fieldError(error, "category")}>
        {(p) => (
          <select {...p} value={input.category ?? ""} onChange={(e) => set({ category: e.target.value || null })}>
            <option value="">{t("routing:rules.guessed")}</option>
            {taxonomy.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
          </select>
        )}
      </Field>
      <Field label={t("routing:rules.owner")} error={fieldError(error, "ownerId")}>
        {(p) => <UserSelect {...p} users={users} value={input.ownerId ?? ""} placeholder={t("routing:rules.noOwner")} onChange={(v) => set({ ownerId: v || null })} />}
      </Field>
      <CheckGroup legend={t("routing:rules.autoCreate")} hint={t("routing:rules.autoCreateHint")} name="autoCreate" inline
        labels={severities} values={input.autoCreate ?? []} onChange={(v: IncidentSeverity[]) => set({ autoCreate: v })} error={fieldError(error, "autoCreate")} />
      <label className="check">
        <input type="checkbox" checked={input.enabled ?? true} onChange={(e) => set({ enabled: e.target.checked })} />
        <span>{t("routing:rules.enabled")}</span>
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>{rule ? t("routing:rules.save") : t("routing:rules.add")}</button>
        {onCancel && <button type="button" className="secondary" onClick={onCancel}>{t("routing:cancel")}</button>}
      </div>
    </form>
  );
}
