import type { FormEvent } from "react";
import i18next from "i18next";
import { useTranslation } from "react-i18next";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { Section, fieldError } from "../components.js";
import { formatDateTime } from "../format.js";
import { useDraftForm } from "../incident/context.js";
import { FormFooter, RadioGroup, ReadOnlyNote } from "../incident/sections.js";
import { translatedLabels } from "../i18n.js";
import { AskThem } from "../handoff/AskThem.js";
import { yesNo } from "./labels.js";
import type { AssessedBreachView, BreachView } from "./types.js";

type YesNo = "yes" | "no";
const YES_NO = translatedLabels<YesNo>(["yes", "no"], (k) => i18next.t(`breach:${k}`));
const toYesNo = (b: boolean): YesNo => (b ? "yes" : "no");
/** The server asks for at least this much explanation when the decision departs from the recommendation. */
const MIN_RATIONALE = 10;

/** The privacy officer's decision on notification; departing from the recommendation needs a rationale. */
export function DecisionSection({ view, onSaved }: { view: AssessedBreachView; onSaved(v: BreachView): void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const rec = view.current.recommendation;
  const last = view.decision;
  const decidedOnCurrent = last?.assessmentId === view.current.id;
  const processorOnly = Boolean(view.recommendationByRole?.asProcessor && !view.recommendationByRole.asController);
  const f = useDraftForm({
    notifyAuthority: toYesNo(decidedOnCurrent && last ? last.notifyAuthority : rec.notifyAuthority),
    notifyDataSubjects: toYesNo(decidedOnCurrent && last ? last.notifyDataSubjects : rec.notifyDataSubjects),
    rationale: "",
  });
  const d = f.draft;
  const against = (d.notifyAuthority === "yes") !== rec.notifyAuthority || (d.notifyDataSubjects === "yes") !== rec.notifyDataSubjects;
  const readOnly = !can("breach.decide") ? t("breach:decision.roleCannot") : null;
  const localError = f.error instanceof RationaleMissing ? f.error.field : undefined;
  const rationaleError = localError ?? fieldError(f.error, "rationale");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (against && d.rationale.trim().length < MIN_RATIONALE) {
      f.setError(new RationaleMissing());
      document.getElementById("decision-rationale")?.focus();
      return;
    }
    const body = { notifyAuthority: d.notifyAuthority === "yes", notifyDataSubjects: d.notifyDataSubjects === "yes", rationale: d.rationale.trim() };
    void f.submit(async (i) => {
      onSaved(await api.decideBreach(i.id, body));
      return api.getIncident(i.id);
    }, t("breach:decision.recorded"));
  };

  return (
    <Section id="decision" title={t("breach:decision.title")}>
      {last ? (
        <div className="decision-current">
          <p>
            <strong>{t("breach:decision.decidedAt", { at: formatDateTime(last.createdAt) })}</strong> {t("breach:decision.notifyAuthority")}{" "}
            <strong>{yesNo(last.notifyAuthority)}</strong>, {t("breach:decision.informPeople")} <strong>{yesNo(last.notifyDataSubjects)}</strong>.
            {last.againstRecommendation && <> <span className="badge against">{t("breach:decision.departs")}</span></>}
          </p>
          {last.rationale && <p className="prewrap"><span className="muted">{t("breach:decision.rationalePrefix")} </span>{last.rationale}</p>}
          {view.decisionOutdated && (
            <p className="alert alert-warn">
              <strong>{t("breach:decision.reconsiderTitle")}</strong>{" "}
              {t("breach:decision.reconsiderText", { decidedOn: view.decidedOnVersion ?? "?", current: view.current.version })}
            </p>
          )}
        </div>
      ) : <p className="section-lead">{t("breach:decision.none")}</p>}
      {processorOnly && (
        <p className="hint decision-role">
          {t("breach:decision.processorOnly")}
        </p>
      )}
      <AskThem step="decide" />
      {readOnly ? <ReadOnlyNote reason={readOnly} /> : (
        <form className="stack" noValidate onSubmit={submit} aria-label={t("breach:decision.title")}>
          <RadioGroup legend={t("breach:decision.notifyAuthorityQ")} name="notifyAuthority" options={YES_NO} value={d.notifyAuthority}
            hint={t("breach:decision.recommended", { answer: yesNo(rec.notifyAuthority) })} onChange={(notifyAuthority) => f.update({ notifyAuthority })}
            error={fieldError(f.error, "notifyAuthority")} />
          <RadioGroup legend={t("breach:decision.informPeopleQ")} name="notifyDataSubjects" options={YES_NO} value={d.notifyDataSubjects}
            hint={t("breach:decision.recommended", { answer: yesNo(rec.notifyDataSubjects) })} onChange={(notifyDataSubjects) => f.update({ notifyDataSubjects })}
            error={fieldError(f.error, "notifyDataSubjects")} />
          <div aria-live="polite">
            {against && (
              <p className="alert alert-warn">
                {t("breach:decision.againstWarning", { min: MIN_RATIONALE })}
              </p>
            )}
          </div>
          <div className={`field${rationaleError ? " has-error" : ""}`}>
            <label htmlFor="decision-rationale">
              {t("breach:decision.rationale")}{!against && <span className="optional"> {t("breach:decision.optional")}</span>}
            </label>
            <p className="hint" id="decision-rationale-hint">
              {against ? t("breach:decision.rationaleRequired") : t("breach:decision.rationaleHint")}
            </p>
            <textarea id="decision-rationale" rows={3} value={d.rationale} required={against}
              aria-invalid={rationaleError ? true : undefined}
              aria-describedby={`decision-rationale-hint${rationaleError ? " decision-rationale-error" : ""}`}
              onChange={(e) => f.update({ rationale: e.target.value })} />
            {rationaleError && <p className="field-error" id="decision-rationale-error">{rationaleError}</p>}
          </div>
          <FormFooter f={f} label={view.decisionOutdated ? t("breach:decision.recordReconsidered") : last ? t("breach:decision.recordNew") : t("breach:decision.record")} />
        </form>
      )}
    </Section>
  );
}

/** Found before sending: the form says "correct the highlighted fields", the field says what. */
class RationaleMissing extends Error {
  readonly field = i18next.t("breach:decision.rationaleMissing", { min: MIN_RATIONALE });
  constructor() {
    super(i18next.t("breach:problem.correct"));
  }
}
