import i18next from "i18next";
import { useTranslation } from "react-i18next";
import { Field } from "../components.js";
import { scoreSeverity, type DpcFactor, type SeverityInput } from "../../../shared/breach/severity.js";
import { DPC_FACTORS, RAISING_FACTORS } from "../../../shared/schemas/breach.js";
import { DPC_FACTOR_HINTS, DPC_FACTOR_LABELS, signed } from "./labels.js";
import type { ContextAdjustment } from "./types.js";

/** One factor in the form: off (the facts decide) or set by the assessor with a change and a reason. */
export interface AdjustmentDraft { on: boolean; delta: string; reason: string }
export type AdjustmentsDraft = Record<DpcFactor, AdjustmentDraft>;

const raises = (f: DpcFactor) => (RAISING_FACTORS as readonly string[]).includes(f);
/** ENISA Assessment Table 1: raising factors add 1 to 3, lowering ones take 1 to 3 away. */
const deltasOf = (f: DpcFactor) => (raises(f) ? [1, 2, 3] : [-1, -2, -3]);
export const MIN_REASON = 10;

export function adjustmentsDraft(saved: ContextAdjustment[] = []): AdjustmentsDraft {
  const byFactor = new Map(saved.map((a) => [a.factor, a]));
  return Object.fromEntries(DPC_FACTORS.map((f) => {
    const a = byFactor.get(f);
    return [f, { on: Boolean(a), delta: String(a?.delta ?? deltasOf(f)[0]), reason: a?.reason ?? "" }];
  })) as AdjustmentsDraft;
}

/** The adjustments to send, in ENISA's factor order (their index names the server's issues). */
export function adjustmentsBody(d: AdjustmentsDraft): ContextAdjustment[] {
  return DPC_FACTORS.filter((f) => d[f].on).map((f) => ({ factor: f, delta: Number(d[f].delta), reason: d[f].reason.trim() }));
}

/** The issue path prefix of a factor's adjustment in the body sent, e.g. "contextAdjustments.1". */
export function adjustmentPath(d: AdjustmentsDraft, f: DpcFactor): string {
  return `contextAdjustments.${DPC_FACTORS.filter((x) => d[x].on).indexOf(f)}`;
}

export function adjustmentProblems(d: AdjustmentsDraft): Record<string, string> {
  const p: Record<string, string> = {};
  for (const f of DPC_FACTORS)
    if (d[f].on && d[f].reason.trim().length < MIN_REASON) p[`${adjustmentPath(d, f)}.reason`] = i18next.t("breach:context.reasonTooShort", { min: MIN_REASON });
  return p;
}

type Facts = Pick<SeverityInput, "dataCategories" | "subjectCategories" | "approxSubjects" | "approxRecords" | "mitigations" | "credentialsOpen" | "vulnerableGroups" | "vulnerableOther">;

/** The adjustments the facts in the form derive, live; the ease of identification plays no part in them. */
function derivedFrom(facts: Facts) {
  const derived = scoreSeverity({
    ...facts, easeOfIdentification: "maximum", circumstances: { confidentiality: "none", integrity: "none", availability: "none", malicious: false },
    contextAdjustments: [],
  }).factors.dpc.adjustments;
  return new Map(derived.map((x) => [x.factor, x]));
}

/** ENISA's six context factors: what the facts derive, and the assessor's own judgement with its reason. */
export function ContextAdjustmentsInput({ value, facts, onChange, error }: {
  value: AdjustmentsDraft; facts: Facts; onChange(v: AdjustmentsDraft): void; error(field: string): string | undefined;
}) {
  const { t } = useTranslation();
  const derived = derivedFrom(facts);
  const set = (f: DpcFactor, patch: Partial<AdjustmentDraft>) => onChange({ ...value, [f]: { ...value[f], ...patch } });
  return (
    <fieldset className="subgroup context-adjustments">
      <legend>{t("breach:context.legend")}</legend>
      <p className="hint">{t("breach:context.lead")}</p>
      {DPC_FACTORS.map((f) => {
        const d = derived.get(f);
        const a = value[f];
        const path = adjustmentPath(value, f);
        const factorError = a.on ? error(`${path}.factor`) : undefined;
        return (
          <fieldset key={f} className={`context-factor${factorError ? " has-error" : ""}`} aria-label={DPC_FACTOR_LABELS[f]}>
            <legend>{DPC_FACTOR_LABELS[f]}</legend>
            <p className="hint">{DPC_FACTOR_HINTS[f]}</p>
            <p className="derived">
              <span className="muted">{t("breach:context.fromFacts")} </span>
              {d ? <>{signed(d.delta)}: {d.reason}</> : t("breach:context.noAdjustment")}
            </p>
            <label className="check">
              <input type="checkbox" checked={a.on} onChange={(e) => set(f, { on: e.target.checked })} />
              <span>{d ? t("breach:context.setInstead", { factor: DPC_FACTOR_LABELS[f], derived: signed(d.delta) }) : t("breach:context.set", { factor: DPC_FACTOR_LABELS[f] })}</span>
            </label>
            {a.on && (
              <div className="row">
                <Field label={t("breach:context.change", { factor: DPC_FACTOR_LABELS[f] })} error={error(`${path}.delta`)}>
                  {(p) => (
                    <select {...p} value={a.delta} onChange={(e) => set(f, { delta: e.target.value })}>
                      {deltasOf(f).map((n) => <option key={n} value={String(n)}>{signed(n)}</option>)}
                    </select>
                  )}
                </Field>
                <Field label={t("breach:context.reason", { factor: DPC_FACTOR_LABELS[f] })} error={error(`${path}.reason`)} hint={t("breach:context.reasonHint", { min: MIN_REASON })}>
                  {(p) => <textarea {...p} rows={2} value={a.reason} onChange={(e) => set(f, { reason: e.target.value })} />}
                </Field>
              </div>
            )}
            {factorError && <p className="field-error">{factorError}</p>}
          </fieldset>
        );
      })}
    </fieldset>
  );
}
