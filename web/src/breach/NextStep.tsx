import { ROLE_LABELS } from "../format.js";
import { PERMISSIONS } from "../../../shared/permissions.js";
import { useAuth } from "../auth.js";
import { ASSESSMENT_FIELD_LABELS } from "./labels.js";
import type { BreachNextStep } from "./types.js";
import { AskThem } from "../handoff/AskThem.js";

const TARGET: Record<BreachNextStep["step"], { href: string; action: string }> = {
  assess: { href: "#assessment", action: "Go to the assessment" },
  decide: { href: "#decision", action: "Go to the decision" },
  reconsider: { href: "#decision", action: "Reconsider the decision" },
};

/** The server's next step on the breach: a prompt to reconsider an outdated decision stands out. */
export function NextStepPrompt({ next }: { next: BreachNextStep }) {
  const { can } = useAuth();
  const allowed = can(next.permission);
  const who = PERMISSIONS[next.permission].map((r) => ROLE_LABELS[r] ?? r).join(", ");
  const target = TARGET[next.step];
  return (
    <div className={`alert ${next.step === "reconsider" ? "alert-warn" : "alert-info"} next-step`} role="status" aria-label="Next step">
      <p>
        <strong>{next.step === "reconsider" ? "Decision outdated: " : "Next: "}</strong>{next.text}
      </p>
      {next.required && next.required.length > 0 && (
        <p>Needed for a first assessment: {next.required.map((f) => ASSESSMENT_FIELD_LABELS[f] ?? f).join(", ")}.</p>
      )}
      <p>
        {allowed ? <a href={target.href}>{target.action}</a> : <span className="muted">Your role cannot do this; it is for: {who}.</span>}
      </p>
      {!allowed && next.step !== "assess" && <AskThem step="decide" />}
    </div>
  );
}
