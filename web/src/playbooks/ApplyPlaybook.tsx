import { useEffect, useState } from "react";
import type { z } from "zod";
import type { PlaybookList, PlaybookView } from "../../../shared/schemas/playbook.js";
import { api, request } from "../api.js";
import { ErrorMessage } from "../components.js";
import { useIncident } from "../incident/context.js";

/** Picks a playbook (suggested by the incident's category) and adds its tasks to the action plan. */
export function ApplyPlaybook() {
  const { incident, mutate } = useIncident();
  const [playbooks, setPlaybooks] = useState<PlaybookView[]>([]);
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    request<z.infer<typeof PlaybookList>>("GET", "/api/playbooks").then((r) => setPlaybooks(r.items), () => setPlaybooks([]));
  }, []);
  if (playbooks.length === 0) return null;
  const suggested = playbooks.filter((p) => p.category === incident.category);
  const apply = async () => {
    try {
      await mutate(async (i) => {
        await request("POST", `/api/incidents/${encodeURIComponent(i.id)}/playbook`, { playbookId: chosen });
        return api.getIncident(i.id);
      }, "Playbook applied: its tasks are in the action plan.");
      setChosen("");
    } catch (e) {
      setError(e);
    }
  };
  const option = (p: PlaybookView) => <option key={p.id} value={p.id}>{p.title} ({p.language})</option>;
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void apply(); }}>
      <label>Playbook
        <select value={chosen} onChange={(e) => setChosen(e.target.value)} required>
          <option value="">Choose a playbook</option>
          {suggested.length > 0 && <optgroup label="Suggested for this category">{suggested.map(option)}</optgroup>}
          <optgroup label="All playbooks">{playbooks.map(option)}</optgroup>
        </select>
      </label>
      <button type="submit" disabled={!chosen}>Apply playbook</button>
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}
