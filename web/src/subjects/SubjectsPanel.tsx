import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.js";
import { useAuth } from "../auth.js";
import { ErrorMessage, Field, Section } from "../components.js";
import { formatDateTime } from "../format.js";
import { useIncident } from "../incident/context.js";
import { subjectsApi, type SubjectKit, type SubjectNotice } from "./api.js";
import { DraftForm } from "./DraftForm.js";
import { NoticeList } from "./NoticeList.js";
import { SubjectDecisionSection } from "./DecisionForm.js";
import "./subjects.css";

type Load = { state: "loading" } | { state: "error"; error: unknown } | { state: "ready"; kit: SubjectKit };

/**
 * The Art. 34 kit on the incident page of a personal-data breach: plain-language texts for the
 * people affected, per controller, audience, variant and language; and the decision whether and
 * how they are told.
 */
export function SubjectsPanel() {
  const { t } = useTranslation();
  const { incident, mutate } = useIncident();
  const { can } = useAuth();
  const allowed = can("incident.read") && incident.personalData === "yes";
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [orgId, setOrgId] = useState("");

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    subjectsApi.kit(incident.id).then(
      (kit) => live && setLoad({ state: "ready", kit }),
      (error: unknown) => live && setLoad((l) => (l.state === "ready" ? l : { state: "error", error })),
    );
    return () => { live = false; };
    // Every save on the incident page hands the page a new incident (mutate), also when its version
    // stays the same (the notification decision, the assessment): follow that, not only the version,
    // or the recommendation and decision shown here stay stale until the page is reloaded.
  }, [incident, allowed, attempt]);

  const setKit = useCallback((kit: SubjectKit) => setLoad({ state: "ready", kit }), []);
  // A communication that went out is also recorded on the incident: show the incident as it now is.
  const decided = useCallback((kit: SubjectKit) => {
    setKit(kit);
    void mutate((i) => api.getIncident(i.id), t("subjects:panel.decided")).catch(() => { /* the kit is saved; the page refreshes later */ });
  }, [setKit, mutate, t]);
  const replaceNotice = useCallback((n: SubjectNotice) => setLoad((l) => (l.state === "ready" ? { ...l, kit: { ...l.kit, items: l.kit.items.map((i) => (i.id === n.id ? n : i)) } } : l)), []);

  if (!allowed) return null;
  if (load.state === "loading") return <p className="muted loading" role="status">{t("subjects:panel.loading")}</p>;
  if (load.state === "error")
    return (
      <Section id="data-subjects" title={t("subjects:panel.title")}>
        <ErrorMessage error={load.error} title={t("subjects:panel.loadFailed")} />
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>{t("subjects:panel.retry")}</button>
      </Section>
    );
  const { kit } = load;
  const controller = kit.controllers.find((c) => c.id === orgId) ?? kit.controllers[0];
  const manage = can("subjectKit.manage") && incident.status !== "closed";

  return (
    <Section id="data-subjects" title={t("subjects:panel.title")}>
      <p className="section-lead">{t("subjects:panel.lead")}</p>
      <ul className="records subject-status">
        {kit.recommendation && (
          <li>{t(kit.recommendation.notifyDataSubjects ? "subjects:panel.recommendInform" : "subjects:panel.recommendNotRequired")}</li>
        )}
        {kit.breachDecision
          ? (
            <li>
              {t(kit.breachDecision.notifyDataSubjects ? "subjects:panel.decisionInform" : "subjects:panel.decisionDoNotInform",
                { at: formatDateTime(kit.breachDecision.createdAt) })}
            </li>
          )
          : kit.assessed && <li>{t("subjects:panel.noDecision")}</li>}
        {kit.obligation && (
          <li>
            {kit.obligation.status === "done"
              ? t("subjects:panel.obligationMet", { at: formatDateTime(kit.obligation.satisfiedAt) })
              : t("subjects:panel.obligationDue", { status: t(`subjects:obligationStatus.${kit.obligation.status}`), at: formatDateTime(kit.obligation.dueAt) })}
          </li>
        )}
      </ul>
      {!kit.assessed ? (
        <p className="muted">{t("subjects:panel.assessFirst")}</p>
      ) : !controller ? (
        <p className="muted">{t("subjects:panel.noController")}</p>
      ) : (
        <>
          <Field label={t("subjects:panel.forWhich")} hint={t("subjects:panel.forWhichHint")}>
            {(p) => (
              <select {...p} value={controller.id} onChange={(e) => setOrgId(e.target.value)}>
                {kit.controllers.map((c) => <option key={c.id} value={c.id}>{c.self ? t("subjects:panel.us", { name: c.name }) : c.name}</option>)}
              </select>
            )}
          </Field>
          {manage && <DraftForm key={controller.id} incidentId={incident.id} controller={controller} onDrafted={setKit} />}
          <NoticeList notices={kit.items.filter((n) => n.organizationId === controller.id)} manage={manage} onSaved={replaceNotice} />
          <SubjectDecisionSection key={`${controller.id}:${controller.decision?.id ?? ""}`} incidentId={incident.id} controller={controller}
            supported={kit.supportedExceptions} manage={manage} onSaved={decided} />
        </>
      )}
    </Section>
  );
}
