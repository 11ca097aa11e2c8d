import { useCallback, useEffect, useState } from "react";
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
    // The version changes with the action plan and the assessment, which the texts are drafted from.
  }, [incident.id, incident.version, allowed, attempt]);

  const setKit = useCallback((kit: SubjectKit) => setLoad({ state: "ready", kit }), []);
  // A communication that went out is also recorded on the incident: show the incident as it now is.
  const decided = useCallback((kit: SubjectKit) => {
    setKit(kit);
    void mutate((i) => api.getIncident(i.id), "Decision on informing the people recorded.").catch(() => { /* the kit is saved; the page refreshes later */ });
  }, [setKit, mutate]);
  const replaceNotice = useCallback((n: SubjectNotice) => setLoad((l) => (l.state === "ready" ? { ...l, kit: { ...l.kit, items: l.kit.items.map((i) => (i.id === n.id ? n : i)) } } : l)), []);

  if (!allowed) return null;
  if (load.state === "loading") return <p className="muted loading" role="status">Loading the data-subject kit…</p>;
  if (load.state === "error")
    return (
      <Section id="data-subjects" title="Data subjects (Art. 34)">
        <ErrorMessage error={load.error} title="The data-subject kit could not be loaded." />
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>Try again</button>
      </Section>
    );
  const { kit } = load;
  const controller = kit.controllers.find((c) => c.id === orgId) ?? kit.controllers[0];
  const manage = can("subjectKit.manage") && incident.status !== "closed";

  return (
    <Section id="data-subjects" title="Data subjects (Art. 34)">
      <p className="section-lead">
        When a breach is likely to result in a high risk to people, the controller tells them without undue delay, in plain language,
        in a message of its own. Draft the texts here for us or for a customer that asks, check them, and record how the people were told.
      </p>
      <ul className="records subject-status">
        {kit.recommendation && <li>Recommendation: {kit.recommendation.notifyDataSubjects ? "inform the people concerned" : "informing the people is not required"}.</li>}
        {kit.breachDecision
          ? <li>Decision ({formatDateTime(kit.breachDecision.createdAt)}): {kit.breachDecision.notifyDataSubjects ? "inform the people concerned" : "do not inform the people concerned"}.</li>
          : kit.assessed && <li>No notification decision yet.</li>}
        {kit.obligation && (
          <li>Our Art. 34 obligation: {kit.obligation.status === "done" ? `met ${formatDateTime(kit.obligation.satisfiedAt)}` : `${kit.obligation.status}, due ${formatDateTime(kit.obligation.dueAt)}`}.</li>
        )}
      </ul>
      {!kit.assessed ? (
        <p className="muted">Assess the breach first: the texts are drafted from the assessment (what happened, which data, the consequences).</p>
      ) : !controller ? (
        <p className="muted">No controller to draft for: our own organisation is missing.</p>
      ) : (
        <>
          <Field label="For which controller" hint="Us, as controller of our own data, or an affected customer that asks for texts.">
            {(p) => (
              <select {...p} value={controller.id} onChange={(e) => setOrgId(e.target.value)}>
                {kit.controllers.map((c) => <option key={c.id} value={c.id}>{c.self ? `${c.name} (us)` : c.name}</option>)}
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
