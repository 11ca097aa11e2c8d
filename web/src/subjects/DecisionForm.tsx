import { useState, type FormEvent } from "react";
import { ApiError } from "../api.js";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { formatDateTime, fromLocalInput } from "../format.js";
import { RadioGroup } from "../incident/sections.js";
import { decisionShapeIssues, EXCEPTION_RULES, SUBJECT_EXCEPTIONS, type SubjectException } from "../../../shared/subjects/exceptions.js";
import { Checks } from "./Checks.js";
import { CHANNEL_LABELS, subjectsApi, type Channel, type KitController, type SubjectDecision, type SubjectKit } from "./api.js";

type YesNo = "yes" | "no";
const YES_NO: Record<YesNo, string> = { yes: "Yes, they are (or will be) told", no: "No" };

function summary(d: SubjectDecision): string {
  const exception = d.exception ? `${EXCEPTION_RULES[d.exception].article}. ` : "";
  if (!d.communicate) return `Not communicated. ${exception}${d.reason ?? ""}`;
  const how = d.channels.map((c) => CHANNEL_LABELS[c] ?? c).join(", ");
  return `Communicated via ${how}${d.communicatedAt ? ` on ${formatDateTime(d.communicatedAt)}` : " (not yet sent)"}. ${exception}${d.reason ?? ""}`.trim();
}

/** Whether and how this controller's people are told (Art. 34), or which Art. 34(3) exception applies. */
export function SubjectDecisionSection({ incidentId, controller, supported, manage, onSaved }: {
  incidentId: string; controller: KitController; supported: SubjectException[]; manage: boolean; onSaved(kit: SubjectKit): void;
}) {
  const last = controller.decision;
  const [communicate, setCommunicate] = useState<YesNo>(last && !last.communicate ? "no" : "yes");
  const [channels, setChannels] = useState<Channel[]>(last?.channels ?? []);
  const [exception, setException] = useState<SubjectException | "">(last?.exception ?? "");
  const [reason, setReason] = useState(last?.reason ?? "");
  const [at, setAt] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const yes = communicate === "yes";
    const body = {
      organizationId: controller.id, communicate: yes, channels: yes ? channels : [],
      ...(exception ? { exception } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(yes && fromLocalInput(at) ? { communicatedAt: fromLocalInput(at) } : {}),
    };
    // The same rules as the server (shared/subjects/exceptions.ts), shown before sending.
    const issues = decisionShapeIssues(body);
    if (issues.length) {
      setError(new ApiError(400, "Please correct the highlighted fields.", "validation_failed", issues));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await subjectsApi.decide(incidentId, body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="subject-decision">
      <h3>Decision and channels</h3>
      {last ? (
        <div className="decision-current">
          <p><strong>Recorded {formatDateTime(last.createdAt)}{last.decidedBy ? ` by ${last.decidedBy.name}` : ""}:</strong> {summary(last)}</p>
          {controller.decisions.length > 1 && (
            <details>
              <summary>{controller.decisions.length - 1} earlier version{controller.decisions.length > 2 ? "s" : ""}</summary>
              <ul className="records">{controller.decisions.slice(1).map((d) => <li key={d.id}>{formatDateTime(d.createdAt)}: {summary(d)}</li>)}</ul>
            </details>
          )}
        </div>
      ) : <p className="muted">No decision recorded for {controller.name}.</p>}
      {manage && (
        <form className="stack" noValidate onSubmit={submit} aria-label="Decision on informing the people">
          <RadioGroup legend="Are the people affected told?" name="subject-communicate" options={YES_NO} value={communicate} onChange={setCommunicate}
            error={fieldError(error, "communicate")} />
          {communicate === "yes" && (
            <>
              <Checks legend="Channels" name="channels" labels={CHANNEL_LABELS} values={channels} onChange={setChannels} error={fieldError(error, "channels")} />
              <Field label="Sent on" optional hint="When the communication went out; for us as controller this meets the Art. 34 obligation." error={fieldError(error, "communicatedAt")}>
                {(p) => <input {...p} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}
              </Field>
            </>
          )}
          <Field label="Art. 34(3) exception" optional error={fieldError(error, "exception")}
            hint={communicate === "yes" ? "Only (c) goes with communicating: a public notice instead of contacting each person." : "(a) or (b) release from informing the people; otherwise explain below."}>
            {(p) => (
              <select {...p} value={exception} onChange={(e) => setException(e.target.value as SubjectException | "")}>
                <option value="">None</option>
                {SUBJECT_EXCEPTIONS.map((x) => (
                  <option key={x} value={x}>{EXCEPTION_RULES[x].article}: {EXCEPTION_RULES[x].label}{supported.includes(x) ? " (the assessment supports it)" : ""}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Reason" optional={communicate === "yes" && !exception} error={fieldError(error, "reason")}
            hint="Why not, or why a public notice; required when not informing the people without an exception the assessment supports.">
            {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div aria-live="assertive"><ErrorMessage error={error} /></div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>{busy ? "Saving…" : "Record decision"}</button>
          </div>
        </form>
      )}
    </div>
  );
}
