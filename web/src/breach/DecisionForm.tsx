import type { FormEvent } from "react";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { Section, fieldError } from "../components.js";
import { formatDateTime } from "../format.js";
import { useDraftForm } from "../incident/context.js";
import { FormFooter, RadioGroup, ReadOnlyNote } from "../incident/sections.js";
import { AskThem } from "../handoff/AskThem.js";
import { yesNo } from "./labels.js";
import type { AssessedBreachView, BreachView } from "./types.js";

type YesNo = "yes" | "no";
const YES_NO: Record<YesNo, string> = { yes: "Yes", no: "No" };
const toYesNo = (b: boolean): YesNo => (b ? "yes" : "no");
/** The server asks for at least this much explanation when the decision departs from the recommendation. */
const MIN_RATIONALE = 10;

/** The privacy officer's decision on notification; departing from the recommendation needs a rationale. */
export function DecisionSection({ view, onSaved }: { view: AssessedBreachView; onSaved(v: BreachView): void }) {
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
  const readOnly = !can("breach.decide") ? "Only a privacy officer records the notification decision." : null;
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
    }, "Decision recorded.");
  };

  return (
    <Section id="decision" title="Notification decision">
      {last ? (
        <div className="decision-current">
          <p>
            <strong>Decided {formatDateTime(last.createdAt)}:</strong> notify the authority <strong>{yesNo(last.notifyAuthority)}</strong>,
            inform the people concerned <strong>{yesNo(last.notifyDataSubjects)}</strong>.
            {last.againstRecommendation && <> <span className="badge against">Departs from the recommendation</span></>}
          </p>
          {last.rationale && <p className="prewrap"><span className="muted">Rationale: </span>{last.rationale}</p>}
          {view.decisionOutdated && (
            <p className="alert alert-warn">
              <strong>Reconsider this decision.</strong> It was taken on assessment version {view.decidedOnVersion ?? "?"}; the assessment is
              now version {view.current.version}. Check the severity and the recommendation above, then record the decision again (the same or a new one).
            </p>
          )}
        </div>
      ) : <p className="section-lead">No decision yet.</p>}
      {processorOnly && (
        <p className="hint decision-role">
          Only customers' data is affected: we are processor. This decision records the advice we pass to the controllers; each controller
          decides and notifies for its own data, and no Art. 33(1) or 34 clock runs for us.
        </p>
      )}
      <AskThem step="decide" />
      {readOnly ? <ReadOnlyNote reason={readOnly} /> : (
        <form className="stack" noValidate onSubmit={submit} aria-label="Notification decision">
          <RadioGroup legend="Notify the supervisory authority?" name="notifyAuthority" options={YES_NO} value={d.notifyAuthority}
            hint={`Recommended: ${yesNo(rec.notifyAuthority)}.`} onChange={(notifyAuthority) => f.update({ notifyAuthority })}
            error={fieldError(f.error, "notifyAuthority")} />
          <RadioGroup legend="Inform the people concerned?" name="notifyDataSubjects" options={YES_NO} value={d.notifyDataSubjects}
            hint={`Recommended: ${yesNo(rec.notifyDataSubjects)}.`} onChange={(notifyDataSubjects) => f.update({ notifyDataSubjects })}
            error={fieldError(f.error, "notifyDataSubjects")} />
          <div aria-live="polite">
            {against && (
              <p className="alert alert-warn">
                This decision departs from the recommendation. Explain why in the rationale (at least {MIN_RATIONALE} characters); it goes into the breach register.
              </p>
            )}
          </div>
          <div className={`field${rationaleError ? " has-error" : ""}`}>
            <label htmlFor="decision-rationale">
              Rationale{!against && <span className="optional"> (optional)</span>}
            </label>
            <p className="hint" id="decision-rationale-hint">
              {against ? "Required: why you decide differently from the recommendation." : "Why, in your words (recorded in the register)."}
            </p>
            <textarea id="decision-rationale" rows={3} value={d.rationale} required={against}
              aria-invalid={rationaleError ? true : undefined}
              aria-describedby={`decision-rationale-hint${rationaleError ? " decision-rationale-error" : ""}`}
              onChange={(e) => f.update({ rationale: e.target.value })} />
            {rationaleError && <p className="field-error" id="decision-rationale-error">{rationaleError}</p>}
          </div>
          <FormFooter f={f} label={view.decisionOutdated ? "Record reconsidered decision" : last ? "Record new decision" : "Record decision"} />
        </form>
      )}
    </Section>
  );
}

/** Found before sending: the form says "correct the highlighted fields", the field says what. */
class RationaleMissing extends Error {
  readonly field = `Explain why you depart from the recommendation (at least ${MIN_RATIONALE} characters).`;
  constructor() {
    super("Please correct the highlighted fields.");
  }
}
