import { useCallback, useEffect, useState } from "react";
import { api, type Incident } from "../api.js";
import type { Organization } from "../breach/types.js";
import { noticesApi, type ControllerDecisions, type Notice, type QuestionView } from "./api.js";

/** An affected controller, with its own share of the breach when the server tells it. */
export type Controller = Organization & { approxSubjects?: number | null; approxRecords?: number | null };

export type NoticesLoad =
  | { state: "loading" }
  | { state: "error"; error: unknown }
  | {
    state: "ready"; notices: Notice[]; controllers: Controller[]; questions: QuestionView[]; decisions: ControllerDecisions["items"];
    /** Whether mail can leave (SMTP configured); null when the caller may not send notices or it could not be told. */
    mailConfigured: boolean | null;
  };

/**
 * Everything the notices panel shows for one incident, reloaded after every save on the incident
 * page (a new incident object, even when its version stays the same: the affected organisations,
 * the assessment) and when the tab regains focus (acknowledgements and deliveries happen elsewhere).
 */
export function useNotices(incident: Incident, enabled: boolean, mayRetry: boolean) {
  const incidentId = incident.id;
  const [load, setLoad] = useState<NoticesLoad>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    Promise.all([
      noticesApi.list(incidentId).then((r) => r.items),
      api.affectedOrganizations(incidentId).then((r) => (r.items as Controller[]).filter((o) => !o.self)),
      noticesApi.questions(incidentId).then((r) => r.items),
      noticesApi.decisions(incidentId).then((r) => r.items),
      mayRetry ? noticesApi.mailStatus().then((r) => r.mailDelivery.configured, () => null) : Promise.resolve(null),
    ]).then(
      ([notices, controllers, questions, decisions, mailConfigured]) => live && setLoad({ state: "ready", notices, controllers, questions, decisions, mailConfigured }),
      (error: unknown) => live && setLoad((l) => (l.state === "ready" ? l : { state: "error", error })),
    );
    return () => { live = false; };
  }, [incident, incidentId, enabled, mayRetry, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    if (!enabled) return;
    const onFocus = () => { if (document.visibilityState === "visible") reload(); };
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [enabled, reload]);

  /** Shows a notice the server just returned, without reloading everything. */
  const replaceNotice = useCallback((n: Notice) => setLoad((l) => (l.state === "ready" ? { ...l, notices: l.notices.map((x) => (x.id === n.id ? n : x)) } : l)), []);
  const replaceQuestion = useCallback((q: QuestionView) => setLoad((l) => (l.state === "ready" ? { ...l, questions: l.questions.map((x) => (x.id === q.id ? q : x)) } : l)), []);
  return { load, reload, replaceNotice, replaceQuestion };
}
