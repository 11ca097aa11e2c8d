import i18next from "i18next";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api.js";
import { ErrorMessage, Field, fieldError } from "../components.js";
import { formatDateTime, fromLocalInput } from "../format.js";
import { RadioGroup } from "../incident/sections.js";
import { decisionShapeIssues, EXCEPTION_RULES, SUBJECT_EXCEPTIONS, type SubjectException } from "../../../shared/subjects/exceptions.js";
import { Checks } from "./Checks.js";
import { CHANNEL_LABELS, subjectsApi, type Channel, type KitController, type SubjectDecision, type SubjectKit } from "./api.js";

type YesNo = "yes" | "no";

/** The decision in one sentence, in the language shown. */
function summary(d: SubjectDecision): string {
  const t = i18next.t.bind(i18next);
  const exception = d.exception ? `${EXCEPTION_RULES[d.exception].article}. ` : "";
  if (!d.communicate) return `${t("subjects:decision.notCommunicated")} ${exception}${d.reason ?? ""}`.trim();
  const how = d.channels.map((c) => CHANNEL_LABELS[c] ?? c).join(", ");
  const sent = d.communicatedAt ? t("subjects:decision.communicatedOn", { how, at: formatDateTime(d.communicatedAt) }) : t("subjects:decision.communicatedNotSent", { how });
  return `${sent} ${exception}${d.reason ?? ""}`.trim();
}

/** Whether and how this controller's people are told (Art. 34), or which Art. 34(3) exception applies. */
export function SubjectDecisionSection({ incidentId, controller, supported, manage, onSaved }: {
  incidentId: string; controller: KitController; supported: SubjectException[]; manage: boolean; onSaved(kit: SubjectKit): void;
}) {
  const { t } = useTranslation();
  const yesNo: Record<YesNo, string> = { yes: t("subjects:decision.yes"), no: t("subjects:decision.no") };
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
      setError(new ApiError(400, t("subjects:decision.correct"), "validation_failed", issues));
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
      <h3>{t("subjects:decision.title")}</h3>
      {last ? (
        <div className="decision-current">
          <p>
            <strong>
              {last.decidedBy ? t("subjects:decision.recordedBy", { at: formatDateTime(last.createdAt), by: last.decidedBy.name })
                : t("subjects:decision.recorded", { at: formatDateTime(last.createdAt) })}
            </strong>{" "}
            {summary(last)}
          </p>
          {controller.decisions.length > 1 && (
            <details>
              <summary>{t("subjects:decision.earlier", { count: controller.decisions.length - 1 })}</summary>
              <ul className="records">{controller.decisions.slice(1).map((d) => <li key={d.id}>{formatDateTime(d.createdAt)}: {summary(d)}</li>)}</ul>
            </details>
          )}
        </div>
      ) : <p className="muted">{t("subjects:decision.none", { name: controller.name })}</p>}
      {manage && (
        <form className="stack" noValidate onSubmit={submit} aria-label={t("subjects:decision.formLabel")}>
          <RadioGroup legend={t("subjects:decision.told")} name="subject-communicate" options={yesNo} value={communicate} onChange={setCommunicate}
            error={fieldError(error, "communicate")} />
          {communicate === "yes" && (
            <>
              <Checks legend={t("subjects:decision.channels")} name="channels" labels={CHANNEL_LABELS} values={channels} onChange={setChannels} error={fieldError(error, "channels")} />
              <Field label={t("subjects:decision.sentOn")} optional hint={t("subjects:decision.sentOnHint")} error={fieldError(error, "communicatedAt")}>
                {(p) => <input {...p} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}
              </Field>
            </>
          )}
          <Field label={t("subjects:decision.exception")} optional error={fieldError(error, "exception")}
            hint={t(communicate === "yes" ? "subjects:decision.exceptionHintYes" : "subjects:decision.exceptionHintNo")}>
            {(p) => (
              <select {...p} value={exception} onChange={(e) => setException(e.target.value as SubjectException | "")}>
                <option value="">{t("subjects:decision.noException")}</option>
                {SUBJECT_EXCEPTIONS.map((x) => (
                  <option key={x} value={x}>
                    {EXCEPTION_RULES[x].article}: {t(`subjects:exception.${x}`)}{supported.includes(x) ? ` ${t("subjects:decision.supported")}` : ""}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("subjects:decision.reason")} optional={communicate === "yes" && !exception} error={fieldError(error, "reason")}
            hint={t("subjects:decision.reasonHint")}>
            {(p) => <textarea {...p} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div aria-live="assertive"><ErrorMessage error={error} /></div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>{busy ? t("subjects:decision.saving") : t("subjects:decision.submit")}</button>
          </div>
        </form>
      )}
    </div>
  );
}
