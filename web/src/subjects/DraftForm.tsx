import { useState, type FormEvent } from "react";
import { Checks } from "./Checks.js";
import { ErrorMessage, fieldError, useAnnounce } from "../components.js";
import { AUDIENCE_LABELS, LANGUAGE_LABELS, VARIANT_LABELS, subjectsApi, type Audience, type KitController, type Language, type SubjectKit, type Variant } from "./api.js";

/** Choose audiences, variants and languages and draft the texts (from the templates, with the current facts). */
export function DraftForm({ incidentId, controller, onDrafted }: { incidentId: string; controller: KitController; onDrafted(kit: SubjectKit): void }) {
  const announce = useAnnounce();
  const [audiences, setAudiences] = useState<Audience[]>(["general"]);
  const [variants, setVariants] = useState<Variant[]>(["individual"]);
  const [languages, setLanguages] = useState<Language[]>([controller.language]);
  const [overwriteEdited, setOverwrite] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [kept, setKept] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await subjectsApi.draft(incidentId, { organizationId: controller.id, audiences, variants, languages, overwriteEdited });
      setKept(r.kept.length);
      onDrafted(r);
      announce(`${r.drafted.length} text${r.drafted.length === 1 ? "" : "s"} drafted.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack subject-draft" noValidate onSubmit={submit} aria-label="Draft texts for the people affected">
      <Checks legend="Who the texts speak to" name="audiences" labels={AUDIENCE_LABELS} values={audiences} onChange={setAudiences} error={fieldError(error, "audiences")} />
      <Checks legend="Variants" name="variants" labels={VARIANT_LABELS} values={variants} onChange={setVariants} error={fieldError(error, "variants")} />
      <Checks legend={`Languages (${controller.name} uses ${LANGUAGE_LABELS[controller.language]})`} name="languages" labels={LANGUAGE_LABELS} values={languages} onChange={setLanguages} error={fieldError(error, "languages")} />
      <label className="check">
        <input type="checkbox" checked={overwriteEdited} onChange={(e) => setOverwrite(e.target.checked)} />
        <span>Also redraft texts that were edited by hand</span>
      </label>
      <div aria-live="assertive"><ErrorMessage error={error} /></div>
      {kept > 0 && <p className="hint">{kept} edited text{kept === 1 ? " was" : "s were"} kept as edited.</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !audiences.length || !variants.length || !languages.length}>
          {busy ? "Drafting…" : "Draft texts"}
        </button>
      </div>
    </form>
  );
}
