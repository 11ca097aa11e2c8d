import { useTranslation } from "react-i18next";
import { ROLE_LABELS } from "../format.js";
import { PERMISSIONS } from "../../../shared/permissions.js";
import { useAuth } from "../auth.js";
import { assessmentFieldLabel } from "./labels.js";
import type { BreachNextStep, BreachView } from "./types.js";
import { AskThem } from "../handoff/AskThem.js";

const TARGET: Record<BreachNextStep["step"], string> = { assess: "#assessment", decide: "#decision", reconsider: "#decision" };

/** The Art. 33(1) clock in words, from the server's hours (its `text` is the API's English). */
export function useClockText() {
  const { t } = useTranslation();
  return (clock: NonNullable<BreachView["clock"]>) => {
    const hours = Math.abs(clock.hoursLeft);
    const span = t(clock.overdue ? "breach:clock.overdue" : "breach:clock.left", { count: hours });
    return t(clock.assessed ? "breach:clock.assessed" : "breach:clock.notAssessed", { span });
  };
}

/** The server's next step on the breach (rendered from its step code): a prompt to reconsider an outdated decision stands out. */
export function NextStepPrompt({ next, view }: { next: BreachNextStep; view: BreachView }) {
  const { t } = useTranslation();
  const clockText = useClockText();
  const { can } = useAuth();
  const allowed = can(next.permission);
  const who = PERMISSIONS[next.permission].map((r) => ROLE_LABELS[r] ?? r).join(", ");
  const text = next.step === "assess"
    ? `${t("breach:next.assess")}${view.clock ? ` ${clockText(view.clock)}` : ""}`
    : next.step === "decide"
      ? t("breach:next.decide")
      : t("breach:next.reconsider", { decidedOn: view.decidedOnVersion ?? "?", current: view.current?.version ?? "?" });
  return (
    <div className={`alert ${next.step === "reconsider" ? "alert-warn" : "alert-info"} next-step`} role="status" aria-label={t("breach:next.label")}>
      <p>
        <strong>{next.step === "reconsider" ? t("breach:next.outdated") : t("breach:next.next")}</strong>{text}
      </p>
      {next.required && next.required.length > 0 && (
        <p>{t("breach:next.required", { fields: next.required.map(assessmentFieldLabel).join(", ") })}</p>
      )}
      <p>
        {allowed ? <a href={TARGET[next.step]}>{t(`breach:next.go.${next.step}`)}</a> : <span className="muted">{t("breach:next.notYourRole", { who })}</span>}
      </p>
      {!allowed && next.step !== "assess" && <AskThem step="decide" />}
    </div>
  );
}
