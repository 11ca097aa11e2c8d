import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { PlaybookList, PlaybookView } from "../../../shared/schemas/playbook.js";
import { api, request } from "../api.js";
import { ErrorMessage } from "../components.js";
import { useIncident } from "../incident/context.js";

/** Picks a playbook (suggested by the incident's category) and adds its tasks to the action plan; retired ones are not offered. */
export function ApplyPlaybook() {
  const { t } = useTranslation();
  const { incident, mutate } = useIncident();
  const [playbooks, setPlaybooks] = useState<PlaybookView[]>([]);
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  useEffect(() => {
    request<z.infer<typeof PlaybookList>>("GET", "/api/playbooks").then((r) => setPlaybooks(r.items.filter((p) => !p.retired)), () => setPlaybooks([]));
  }, []);
  if (playbooks.length === 0) return null;
  const suggested = playbooks.filter((p) => p.category === incident.category);
  const apply = async () => {
    try {
      await mutate(async (i) => {
        await request("POST", `/api/incidents/${encodeURIComponent(i.id)}/playbook`, { playbookId: chosen });
        return api.getIncident(i.id);
      }, t("playbooks:apply.applied"));
      setChosen("");
    } catch (e) {
      setError(e);
    }
  };
  const option = (p: PlaybookView) => <option key={p.id} value={p.id}>{p.title} ({p.language})</option>;
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void apply(); }}>
      <label htmlFor={id}>{t("playbooks:apply.label")}</label>
      <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)} required>
        <option value="">{t("playbooks:apply.choose")}</option>
        {suggested.length > 0 && <optgroup label={t("playbooks:apply.suggested")}>{suggested.map(option)}</optgroup>}
        <optgroup label={t("playbooks:apply.all")}>{playbooks.map(option)}</optgroup>
      </select>
      <button type="submit" disabled={!chosen}>{t("playbooks:apply.submit")}</button>
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}
