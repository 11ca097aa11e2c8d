import { useCallback, useEffect, useState } from "react";
import { api } from "../api.js";
import type { BreachView, Organization, ProposedOrganization } from "./types.js";

export type BreachLoad =
  | { state: "loading" }
  | { state: "error"; error: unknown }
  | { state: "ready"; view: BreachView; organizations: Organization[]; proposed: ProposedOrganization[]; affected: string[] };

/** The incident's breach view (`assessed: false` until the first assessment), the organisations, the proposed and the marked ones. */
export function useBreach(incidentId: string, incidentVersion: number, enabled: boolean, mayConcern: boolean) {
  const [load, setLoad] = useState<BreachLoad>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    // Without personal data and without an assessment there is nothing more to load.
    type Loaded = [BreachView, Organization[], ProposedOrganization[], string[]];
    const all = api.getBreach(incidentId).then((v): Loaded | Promise<Loaded> => (!v.assessed && !mayConcern ? [v, [], [], []] : Promise.all([
      api.organizations().then((r) => r.items),
      api.proposedOrganizations(incidentId).then((r) => r.items),
      api.affectedOrganizations(incidentId).then((r) => r.items.map((o) => o.id)),
    ]).then(([organizations, proposed, affected]): Loaded => [v, organizations, proposed, affected])));
    all.then(
      ([v, organizations, proposed, affected]) => live && setLoad({ state: "ready", view: v, organizations, proposed, affected }),
      (error: unknown) => live && setLoad((l) => (l.state === "ready" ? l : { state: "error", error })),
    );
    return () => { live = false; };
    // The incident's version changes with the impact analysis (new proposals) and with every save.
  }, [incidentId, incidentVersion, enabled, mayConcern, attempt]);

  const setView = useCallback((view: BreachView) => setLoad((l) => (l.state === "ready" ? { ...l, view } : l)), []);
  const setAffected = useCallback((affected: string[]) => setLoad((l) => (l.state === "ready" ? { ...l, affected } : l)), []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { load, setView, setAffected, reload };
}
